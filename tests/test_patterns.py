"""Pattern families of Arabic reported speech, on sentences written for these tests.

None of these sentences is in the development corpus: they use the same grammar with other
speakers, outlets and wars, so a rule that memorised the corpus would fail here.
"""
import pytest


def claims(nlp, text):
    doc = nlp(text)
    return [(c, doc[c.content_start:c.content_end].text) for c in doc._.claims]


def one(nlp, text):
    got = claims(nlp, text)
    assert len(got) == 1, [(c.cue, c.claimant.label) for c, _ in got]
    return got[0]


def said(nlp, text, label, start):
    """The text's one claim: its speaker is ``label`` and what was said starts with ``start``."""
    c, content = one(nlp, text)
    assert (c.claimant.label, content[:len(start)]) == (label, start)
    return c


def test_vso_role_then_name_with_outlet(nlp):
    c, content = one(nlp, "وقال المتحدث باسم الجيش الليبي أحمد المسماري لـ«العربية» إن قوات حفتر انسحبت من محيط طرابلس.")
    assert c.claimant.label == "أحمد المسماري" and c.claimant.type == "Person"
    assert "المتحدث باسم" in (c.claimant.role or "")
    assert [a.type for a in c.reported_to] == ["MediaOutlet"]
    assert content.startswith("قوات حفتر انسحبت")


def test_name_comma_role_comma_verb(nlp):
    c, content = one(nlp, "سليم الحمصي، مدير مكتب الإغاثة في الغوطة، قال لـ«عنب بلدي» إن القصف لم يتوقف.")
    assert c.claimant.label == "سليم الحمصي" and c.claimant.type == "Person"
    assert content.startswith("القصف لم يتوقف")


def test_role_comma_name_comma(nlp):
    c, _ = one(nlp, "ويقول الناشط الميداني في مدينة حمص، خالد العمر، في حديث مع «العربي الجديد»، إن الحصار مستمر.")
    assert c.claimant.label == "خالد العمر"
    assert c.claimant.role.startswith("الناشط الميداني")
    assert [a.entity for a in c.reported_to] == ["al_araby_al_jadeed"]


def test_title_and_kunya(nlp):
    c, _ = one(nlp, "وأوضح القائد الميداني أبو يوسف الحموي أن الفصائل استعادت التلة.")
    assert c.claimant.label == "أبو يوسف الحموي"
    c, _ = one(nlp, "وقال العقيد سامر الخطيب إن الطريق مقطوع.")
    assert c.claimant.label == "سامر الخطيب"


def test_anonymous_source_with_affiliation(nlp):
    c, _ = one(nlp, "وأكد مصدر عسكري في الجيش السوداني أن قوات الدعم السريع تنسق مع مجموعات مسلحة.")
    assert c.claimant.type == "AnonymousSource" and c.claimant.affiliation == "saf"
    assert c.claimant.label.startswith("مصدر عسكري في الجيش السوداني")


def test_svo_anonymous_source_before_the_verb(nlp):
    c, content = one(nlp, "مصادر محلية، قالت لـ«المدن»، إن الطرفين اتفقا على تبادل الأسرى.")
    assert c.claimant.type == "AnonymousSource" and c.claimant.label == "مصادر محلية"
    assert [a.entity for a in c.reported_to] == ["al_modon"]


def test_collective_claimants(nlp):
    c, _ = one(nlp, "ويرى محللون أن التنسيق بين الطرفين بات واضحاً.")
    assert c.claimant.type == "Group" and c.claimant.label == "محللون"
    c, _ = one(nlp, "وذكر ناشطون أن الطائرات قصفت السوق.")
    assert c.claimant.type == "Group"


def test_continuations_keep_speaker_and_outlet(nlp):
    got = claims(nlp, "وقالت الناشطة الحقوقية سلمى النور لـ«عنب بلدي»: «القصف مستمر منذ أيام»، مشيرة إلى أن "
                      "عشرات العائلات نزحت. وأضافت: «لا أحد يساعدنا».")
    assert [c.cue for c, _ in got] == ["وقالت", "مشيرة", "وأضافت"]
    assert {c.claimant.label for c, _ in got} == {"سلمى النور"}
    assert all([a.entity for a in c.reported_to] == ["enab_baladi"] for c, _ in got)


def test_relay_with_nominal_cue(nlp):
    c, content = one(nlp, "ونقلت وكالة «رويترز» عن مسؤول أميركي قوله إن الهدنة في اليمن قد تنهار.")
    assert c.claimant.label == "مسؤول أميركي" and [a.entity for a in c.cited_by] == ["reuters"]
    assert content.startswith("الهدنة في اليمن")


def test_according_to_at_the_start_and_at_the_end(nlp):
    c, content = one(nlp, "وبحسب المرصد السوري لحقوق الإنسان، فإن قوات النظام قصفت بلدات في ريف إدلب.")
    assert c.claimant.entity == "sohr" and "قصفت بلدات" in content
    got = claims(nlp, "وقال مسؤول محلي إن المعبر أغلق، وفق «رويترز».")
    assert len(got) == 1 and [a.entity for a in got[0][0].cited_by] == ["reuters"]


def test_according_to_with_relay_verb(nlp):
    c, _ = one(nlp, "وتستأنف المفاوضات الأسبوع المقبل، حسبما نقلت وكالة الصحافة الفرنسية عن مصدر دبلوماسي.")
    assert c.claimant.type == "AnonymousSource" and [a.entity for a in c.cited_by] == ["afp"]


def test_denial_and_refusals(nlp):
    c, content = one(nlp, "ونفى الناطق باسم الحوثيين محمد عبد السلام وجود أي اتفاق مع الرياض.")
    assert c.stance == "denies" and content.startswith("ونفى")
    c, _ = one(nlp, "وفضّل مسؤول في وزارة الخارجية القطرية عدم التعليق على الأنباء.")
    assert c.stance == "declines" and c.claimant.type == "AnonymousSource"
    c, _ = one(nlp, "ورفضت الخارجية الأميركية التعليق على التقرير.")
    assert c.stance == "declines"


def test_hedges(nlp):
    c, _ = one(nlp, "ورجح الخبير العسكري العميد خليل الحلو أن يكون الانسحاب جزءاً من صفقة.")
    assert c.stance == "hedges" and c.claimant.label == "خليل الحلو"
    got = claims(nlp, "وقال القيادي في المعارضة أحمد الزعبي إن «الانسحاب بدا منسقاً»، لكنه أكد «لا نملك أدلة على ذلك».")
    assert [c.stance for c, _ in got] == ["asserts", "hedges"]


def test_definite_source_and_same_source(nlp):
    got = claims(nlp, "وقال مصدر أمني عراقي إن الهجوم استهدف نقطة تفتيش. وأضاف المصدر أن ثلاثة جنود قتلوا. "
                      "وبحسب المصدر ذاته، فإن المهاجمين فروا.")
    labels = {c.claimant.label for c, _ in got}
    assert labels == {"مصدر أمني عراقي"} and len(got) == 3


def test_unlisted_institution_becomes_an_actor(nlp):
    c, _ = one(nlp, "وأعلنت وزارة الدفاع التركية أن قواتها قصفت مواقع في شمال العراق.")
    assert c.claimant.type in ("Organization", "Faction") and c.claimant.label.startswith("وزارة الدفاع")


def test_agentless_passive_is_not_a_claim(nlp):
    assert claims(nlp, "يُذكر أن المعارك اندلعت قبل أسبوع.") == []


def test_predicate_participle_is_not_a_continuation(nlp):
    got = claims(nlp, "وقال الناشط علي الحسن إن القصف تجدد، وكان لافتاً غياب الطيران.")
    assert [c.cue for c, _ in got] == ["وقال"]


def test_quotes_nested_in_a_quote_are_not_claims(nlp):
    got = claims(nlp, "وقال المحلل سامي نادر: «الحكومة أكدت أن الاتفاق انتهى، والمعارضة قالت إنه قائم».")
    assert [c.cue for c, _ in got] == ["وقال"]


@pytest.mark.parametrize("text,types", [
    ("وقال مصدر إن قوات النظام انسحبت من القرى بشكل مبرمج بالتنسيق مع التنظيم.", {"coordination", "withdrawal"}),
    ("وأكد المتحدث باسم الوسطاء أن الطرفين وقعا هدنة لمدة شهر.", {"truce"}),
    ("وقال ناشطون إن الغارات أسفرت عن مقتل عشرة مدنيين ونزوح مئات العائلات.", {"attack", "casualties", "displacement"}),
    ("وقال مسؤول إن الجيش اغتال قيادياً في الحركة.", {"attack"}),
    ("وقال مصدر إن الجهازين تبادلا المعلومات عن المهربين.", {"coordination"}),
    ("وقال تقرير إن الحكومة تشتري النفط من الجماعة المسلحة.", {"coordination"}),
])
def test_allegation_types(nlp, text, types):
    c, _ = one(nlp, text)
    assert types <= set(c.allegation_types)


def test_a_handover_without_a_fight_is_no_attack(nlp):
    c, _ = one(nlp, "وقال قيادي إن الميليشيا سلمت التلال للجيش دون قتال.")
    assert "attack" not in c.allegation_types


def test_medium_adjunct_ends_the_speakers_phrase(nlp):
    c, content = one(nlp, "وقال المتحدث باسم وزارة الخارجية الأمريكية نيد برايس في بيان إن واشنطن لا تدعم التطبيع مع دمشق.")
    assert c.claimant.label == "نيد برايس" and c.claimant.type == "Person"
    assert c.claimant.role.startswith("المتحدث باسم وزارة الخارجية")
    assert content.startswith("واشنطن لا تدعم")


def test_adverbial_relay_naqlan_an(nlp):
    c, content = one(nlp, "وذكرت صحيفة «الشرق الأوسط»، نقلاً عن مصادر أمنية عراقية، أن القوات التركية انسحبت من القاعدة.")
    assert c.claimant.type == "AnonymousSource" and c.claimant.label.startswith("مصادر أمنية")
    assert [a.entity for a in c.cited_by] == ["asharq_al_awsat"]
    assert content.startswith("القوات التركية انسحبت")


def test_relay_verb_in_another_sense_does_not_cut_the_claim(nlp):
    c, content = one(nlp, "وقال مسؤولون عراقيون إن إيران نقلت أسلحة إلى فصائل موالية لها عبر الحدود.")
    assert c.claimant.type == "AnonymousSource"
    assert content.startswith("إيران نقلت أسلحة") and content.endswith("عبر الحدود")


def test_accusation_with_a_named_person_and_no_complementizer(nlp):
    c, _ = one(nlp, "واتهم وزير الدفاع التركي خلوصي أكار الوحدات الكردية بالتنسيق مع قوات النظام.")
    assert c.claimant.type == "Person" and c.claimant.label == "خلوصي أكار"
    assert "الوحدات الكردية" not in c.claimant.label


def test_a_verb_inside_the_content_stays_in_it(nlp):
    c, content = one(nlp, "وقالت وكالة الأنباء الأردنية إن المملكة رحبت بوقف إطلاق النار في غزة.")
    assert c.claimant.type == "MediaOutlet"
    assert content.startswith("المملكة رحبت بوقف إطلاق النار")


def test_unlisted_outlet_with_a_quoted_name_relays_its_sources(nlp):
    c, content = one(nlp, "ونقلت قناة «الحدث اليوم» عن مصادرها أن الجيش يستعد لهجوم على مدينة الفاشر.")
    assert c.claimant.type == "AnonymousSource" and c.claimant.label == "مصادرها"
    assert [(a.label, a.type) for a in c.cited_by] == [("الحدث اليوم", "MediaOutlet")]
    assert content.startswith("الجيش يستعد لهجوم")
    c, _ = one(nlp, "وقالت صحيفة \"النهار الجديد\" إن الحكومة ستستقيل.")
    assert (c.claimant.label, c.claimant.type) == ("النهار الجديد", "MediaOutlet")
    assert not claims(nlp, "وقالت الصحيفة إن الحكومة ستستقيل.")  # a bare «الصحيفة» is no new outlet


def test_according_to_what_a_medium_reported_with_an_object_pronoun(nlp):
    c, content = one(nlp, "وفقاً لما أوردته وكالة رويترز، فإن المفاوضات بين الطرفين توقفت.")
    assert c.claimant.entity == "reuters"
    assert "المفاوضات بين الطرفين توقفت" in content


def test_wish_not_to_be_named_opens_no_claim(nlp):
    c, content = one(nlp, "وقال مصدر في الشرطة، فضل عدم ذكر اسمه، إن المهاجمين فروا باتجاه الحدود.")
    assert c.claimant.type == "AnonymousSource" and c.claimant.label == "مصدر في الشرطة"
    assert content.startswith("المهاجمين فروا")


def test_name_with_hamza_alef_is_not_the_article(nlp):
    c, _ = one(nlp, "ولم يستبعد المحلل العسكري إلياس حداد أن تشن إسرائيل هجوماً برياً على لبنان.")
    assert c.claimant.type == "Person" and c.claimant.label == "إلياس حداد"
    assert c.stance == "hedges"


def test_spokesperson_for_an_institution_without_a_name(nlp):
    c, _ = one(nlp, "وأكد المتحدث باسم الجيش السوداني أن قوات الدعم السريع انسحبت من مدينة ود مدني.")
    assert c.claimant.type == "AnonymousSource" and c.claimant.label == "المتحدث باسم الجيش السوداني"
    assert c.claimant.affiliation == "saf"


def test_allegation_verbs_in_the_first_person(nlp):
    c, _ = one(nlp, "وقال المتحدث باسم الحركة أحمد سالم: «نحن ننسق مع الجيش في كل الخطوات».")
    assert "coordination" in c.allegation_types
    c, _ = one(nlp, "وقال مسؤول محلي إن الأسواق في مدينة تدمر فتحت أبوابها أمس.")
    assert "attack" not in c.allegation_types  # «تدمر» is Palmyra, not «she destroys»


def test_quotation_before_the_verb(nlp):
    got = claims(nlp, "«لا يوجد أي اتفاق حتى الآن»، قال مسؤول أردني مطلع على المحادثات. "
                      "وقال المسؤول، الذي طلب عدم الكشف عن هويته، إن الوفدين سيلتقيان مجدداً.")
    assert [c.claimant.label for c, _ in got] == ["مسؤول أردني مطلع على المحادثات"] * 2
    assert got[0][1] == "«لا يوجد أي اتفاق حتى الآن»"
    c, content = one(nlp, "«نحن لا نفاوض أحداً»، يقول قائد ميداني في المعارضة.")
    assert c.claimant.type == "AnonymousSource" and content == "«نحن لا نفاوض أحداً»"


def test_an_indefinite_source_ends_before_a_definite_object(nlp):
    c, content = one(nlp, "ويتهم معارضون الحكومة بالتواطؤ مع المهربين على الحدود.")
    assert (c.claimant.label, c.claimant.type) == ("معارضون", "Group")
    c, _ = one(nlp, "ولم يستبعد دبلوماسي فرنسي التوصل إلى تسوية خلال الأسابيع المقبلة.")
    assert c.claimant.label == "دبلوماسي فرنسي" and c.stance == "hedges"
    # annexation and prepositional phrases keep their definite words
    c, _ = one(nlp, "وقال مصدر في جمهورية الكونغو إن المتمردين انسحبوا من المدينة.")
    assert c.claimant.label == "مصدر في جمهورية الكونغو"


def test_an_outlet_described_without_a_quoted_name(nlp):
    c, content = one(nlp, "وزعم التلفزيون الرسمي البيلاروسي أن «عملاء» هاجموا محطة للكهرباء.")
    assert (c.claimant.label, c.claimant.type) == ("التلفزيون الرسمي البيلاروسي", "MediaOutlet")


def test_a_bare_outlet_noun_refers_to_the_outlet_just_cited(nlp):
    got = claims(nlp, "وأفادت وكالة رويترز بأن المحادثات تعثرت. وأضافت الوكالة أن الوفود غادرت الفندق.")
    assert [c.claimant.entity for c, _ in got] == ["reuters", "reuters"]
    assert got[1][1].startswith("الوفود غادرت")


def test_a_speech_verb_inside_a_complement_clause_stays_in_it(nlp):
    c, content = one(nlp, "وصرح وزير الخارجية الفرنسي للصحفيين بأن باريس لن تعترف بنتائج الانتخابات.")
    assert content == "باريس لن تعترف بنتائج الانتخابات"
    got = claims(nlp, "وقال المتحدث إن المفاوضات فشلت، وأكد أن الجولة المقبلة ألغيت.")
    assert len(got) == 2  # a verb opening a clause of its own still cues a claim


def test_expressing_hope_with_the_subject_between(nlp):
    c, content = one(nlp, "وأعرب وزير الخارجية العماني عن أمله في أن تنجح جهود الوساطة.")
    assert c.claimant.label == "وزير الخارجية العماني" and c.stance == "hedges"
    assert content == "تنجح جهود الوساطة"


def test_spokesperson_comma_name_comma(nlp):
    c, _ = one(nlp, "وقال الناطق باسم الجيش الوطني، يوسف حمود، إن الفصائل صدت هجوماً على مدينة الباب.")
    assert (c.claimant.label, c.claimant.type) == ("يوسف حمود", "Person")
    assert c.claimant.role == "الناطق باسم الجيش الوطني"


def test_a_verb_describing_an_indefinite_object_reports_the_subject(nlp):
    c, content = one(nlp, "وأصدرت حركة الشباب بياناً قالت فيه إن مقاتليها سيطروا على القاعدة.")
    assert c.claimant.type == "Faction" and "الشباب" in c.claimant.label
    assert content.startswith("مقاتليها سيطروا")


def test_a_leading_but_is_not_part_of_the_role(nlp):
    c, _ = one(nlp, "لكن المتحدث باسم الجيش السوداني العميد ماجد الطيب نفى سقوط المدينة.")
    assert c.claimant.label == "ماجد الطيب" and c.stance == "denies"
    assert not c.claimant.role.startswith("لكن")


def test_a_denied_coordination_with_one_named_party_involves_the_speakers_side(nlp):
    c, _ = one(nlp, "ونفت وزارة الدفاع التركية في بيان وجود أي تنسيق مع حزب العمال الكردستاني.")
    assert c.stance == "denies" and "coordination" in c.allegation_types
    assert c.parties[0].entity == "turkey"


def test_a_bare_institution_noun_refers_to_the_institution_just_cited(nlp):
    got = claims(nlp, "وأعلنت وزارة الصحة الأردنية أن المستشفيات استقبلت عشرات الجرحى. "
                      "وتابعت الوزارة في بيانها: «الحصيلة مرشحة للارتفاع».")
    assert [c.claimant.label for c, _ in got] == ["وزارة الصحة الأردنية"] * 2
    assert got[1][1] == "«الحصيلة مرشحة للارتفاع»"


def test_revealed_about_ends_the_source_at_an(nlp):
    c, content = one(nlp, "وكشفت مصادر عراقية مطلعة عن مفاوضات تجريها بغداد مع الفصائل المسلحة.")
    assert c.claimant.label == "مصادر عراقية مطلعة"
    assert content.startswith("مفاوضات تجريها بغداد")
    c, _ = one(nlp, "وقال ممثل عن العشائر العربية إن الاتفاق صامد.")
    assert c.claimant.label == "ممثل عن العشائر العربية"  # «ممثل عن» keeps its phrase


def test_according_to_at_the_end_leaves_the_source_out_of_the_content(nlp):
    c, content = one(nlp, "وانسحبت القوات من التلة الاستراتيجية، بحسب ناشطين محليين.")
    assert content == "وانسحبت القوات من التلة الاستراتيجية"


def test_a_denial_of_reports_runs_past_their_relative_clause(nlp):
    (c, content), (reports, what) = claims(nlp, "ونفت وزارة الدفاع الأردنية صحة الأنباء التي تحدثت عن سقوط طائرة مسيرة في الشمال.")
    assert c.stance == "denies"
    assert content.endswith("سقوط طائرة مسيرة في الشمال")
    assert (reports.claimant.label, what) == ("الأنباء", "سقوط طائرة مسيرة في الشمال")  # what the reports say


def test_a_number_before_the_source_noun(nlp):
    c, content = one(nlp, "ونقلت «رويترز» عن ثلاثة مصادر أمنية أن الهدنة انهارت في الشمال.")
    assert (c.claimant.label, c.claimant.type) == ("ثلاثة مصادر أمنية", "AnonymousSource")
    assert [a.entity for a in c.cited_by] == ["reuters"]


def test_negated_cues_after_a_glued_conjunction(nlp):
    # «ولم …»: the و is stripped, so the «لم …» cues match (and so do those written «… ولم …»)
    c, _ = one(nlp, "ولم ينف مسؤول في وزارة الخارجية الفرنسية وجود اتصالات مع الحركة.")
    assert c.stance == "hedges" and c.claimant.label == "مسؤول في وزارة الخارجية الفرنسية"
    c, _ = one(nlp, "ولم يؤكد ولم ينف المتحدث باسم الجيش الفرنسي الخبر.")
    assert c.stance == "declines"


@pytest.mark.parametrize("text, label, outlet", [
    ("وأفاد مصدر حكومي عراقي «الشرق الأوسط» بأن بغداد تلقت رسالة من طهران.", "مصدر حكومي عراقي", "asharq_al_awsat"),
    ("وأكد شهود عيان لمراسل «الجزيرة» أن الدبابات دخلت البلدة.", "شهود عيان", "aljazeera"),
])
def test_whom_the_source_spoke_to_is_not_part_of_it(nlp, text, label, outlet):
    c, _ = one(nlp, text)  # an outlet in quotes right after the source, or after a glued «لـ»
    assert c.claimant.label == label
    assert [a.entity for a in c.reported_to] == [outlet]


def test_an_unnamed_source_keeps_its_anonymity_formula(nlp):
    c, _ = one(nlp, "ونقل موقع «بوليتيكو» عن مسؤول أوروبي لم يكشف عن اسمه قوله إن العقوبات ستمدد.")
    assert c.claimant.label == "مسؤول أوروبي لم يكشف عن اسمه"


def test_an_unlisted_outlet_in_quotes_after_lam(nlp):
    c, content = one(nlp, "وقالت الناشطة الحقوقية ريم سالم لـ«صدى الجنوب» إن عشرات المعتقلين ما زالوا مفقودين.")
    assert c.claimant.label == "ريم سالم"
    assert [(a.label, a.type) for a in c.reported_to] == [("صدى الجنوب", "MediaOutlet")]
    assert content.startswith("عشرات المعتقلين")


def test_a_family_name_with_the_article_that_folds_like_a_preposition(nlp):
    # «العلي»: ال + علي, and علي folds like the preposition «على»; a preposition never takes ال
    c, _ = one(nlp, "وقال محمد العلي، وهو قيادي في فصائل المعارضة، إن الهجوم فشل.")
    assert (c.claimant.label, c.claimant.type) == ("محمد العلي", "Person")


@pytest.mark.parametrize("text, claimant, stance", [
    ("ونفى الجيش هذه الاتهامات جملة وتفصيلاً.", "الجيش", "denies"),  # a bare institution still speaks
    ("ووصفت الوزارة هذه التقارير بأنها عارية عن الصحة.", "الوزارة", "denies"),
    ("ورفضت الحركة الاتهامات الإسرائيلية بشأن استخدام المستشفيات.", "الحركة", "denies"),
    ("ورفض المسؤول الإفصاح عن تفاصيل الاتفاق.", "المسؤول", "declines"),
    ("وأكد المتحدث عدم صحة الأنباء عن انسحاب القوات.", "المتحدث", "denies"),
])
def test_denials_and_refusals_written_around_their_object(nlp, text, claimant, stance):
    c, _ = one(nlp, text)
    assert (c.claimant.label, c.stance) == (claimant, stance)


def test_a_described_outlet_followed_by_its_quoted_name_is_that_outlet(nlp):
    c, content = one(nlp, "وأفادت وكالة الأنباء الرسمية السورية «سانا» بأن وحدات من الجيش انتشرت في المدينة.")
    assert c.claimant.entity == "sana" and not c.reported_to
    assert content.startswith("وحدات من الجيش")


# ---------------------------------------------------------------- fixed expressions (kg:FixedExpression)

@pytest.mark.parametrize("text", [
    # «شبه» is the adverb «almost / semi-» here, not the verb «شبّه» (liken)
    "ويأتي ذلك في وقت لا تزال فيه قوات الدعم السريع تحاصر بشكل شبه كامل الأحياء الجنوبية من مدينة "
    "الفاشر الخاضعة لسيطرة الجيش، بعد تقدمها خلال الأيام الأخيرة في ريفها الغربي.",
    "وفي الأثناء تطوق قوات الدعم السريع بشكل شبه كامل مخيم زمزم للنازحين، وتقصفه بصورة شبه يومية.",
    # «رأي» (opinion) folds to «رأى» (he considered)
    "وأظهر استطلاع رأي أجراه معهد محلي أن غالبية الناخبين يؤيدون الاتفاق.",
])
def test_a_fixed_expression_hides_the_cue_form_inside_it(nlp, text):
    assert claims(nlp, text) == []


def test_the_speech_verb_still_works_beside_a_fixed_expression(nlp):
    c, content = one(nlp, "وشبّه المتحدث باسم الجيش السوداني نبيل عبد الله هذه الهجمات بأنها حرب إبادة، "
                          "بينما تحاصر قوات الدعم السريع بشكل شبه كامل الأحياء الشرقية من المدينة.")
    assert c.cue == "وشبّه" and c.claimant.label == "نبيل عبد الله"
    assert content.startswith("حرب إبادة") and content.endswith("الأحياء الشرقية من المدينة")
    c, content = one(nlp, "وقالت مصادر محلية لـ«عنب بلدي» إن الغارات على القرى الحدودية باتت شبه يومية.")
    assert c.claimant.label == "مصادر محلية" and content.endswith("باتت شبه يومية")


@pytest.mark.parametrize("text, label", [
    ("وقالت وكالة أنباء شبه رسمية إن المفاوضات ستستأنف الأسبوع المقبل.", "وكالة أنباء شبه رسمية"),
    ("وقال مسؤول في هيئة شبه حكومية لـ«عنب بلدي» إن الرواتب تأخرت.", "مسؤول في هيئة شبه حكومية"),
    ("وقال أعضاء جدد في المجلس المحلي إن الانتخابات كانت نزيهة.", "أعضاء جدد في المجلس المحلي"),
])
def test_a_fixed_expression_inside_the_source_no_longer_cuts_it(nlp, text, label):
    c, _ = one(nlp, text)
    assert c.claimant.label == label


# ---------------------------------------------------------------- cues that need a word after them (kg:requires)

@pytest.mark.parametrize("text, label", [
    ("وحمّلت وزارة الخارجية القطرية الحكومة الإسرائيلية المسؤولية الكاملة عن انهيار الهدنة.",
     "وزارة الخارجية القطرية"),
    ("وحمّل الجيش السوداني قوات الدعم السريع مسؤولية قصف المستشفى في مدينة الفاشر.", "الجيش السوداني"),
])
def test_holding_someone_responsible_is_a_claim(nlp, text, label):
    c, _ = one(nlp, text)
    assert c.claimant.label == label and c.stance == "asserts"


def test_carrying_is_not_holding_responsible(nlp):
    # «حمل» (carried) without «مسؤولية» after it opens no claim
    assert claims(nlp, "وحمل المسعفون الجرحى إلى المستشفى الميداني في أطراف البلدة.") == []


@pytest.mark.parametrize("text, label, start", [
    ("وردّ المتحدث باسم الخارجية الإيرانية بالقول إن العقوبات لن تغير موقف طهران.",
     "المتحدث باسم الخارجية الإيرانية", "العقوبات لن تغير"),
    ("ورد المتحدث باسم الجيش السوداني نبيل عبد الله على ذلك بالقول: «قواتنا لم تستهدف المدنيين».",
     "نبيل عبد الله", "«قواتنا لم تستهدف"),
    ("واكتفى المتحدث باسم الجيش السوداني نبيل عبد الله بالقول إن التحقيق مستمر.", "نبيل عبد الله", "التحقيق مستمر"),
])
def test_replying_by_saying(nlp, text, label, start):
    c, content = one(nlp, text)
    assert c.claimant.label == label and content.startswith(start)


def test_a_reply_noun_and_was_mentioned_open_no_claim(nlp):
    # «رد» the noun, «ورد» (was mentioned): no «بالقول» / «قائلاً» after them
    c, _ = one(nlp, "وفي رد على سؤال حول الهدنة، قال المتحدث إن المفاوضات مستمرة.")
    assert c.cue == "قال"
    assert claims(nlp, "ووصلت التعزيزات إلى البلدة وفق ما ورد في التقرير الأسبوعي للبعثة.") == []


@pytest.mark.parametrize("text, label", [
    ("وكذّب الجيش الإسرائيلي الرواية الفلسطينية حول الحادث.", "الجيش الإسرائيلي"),
    ("وكذبت حركة حماس هذه التقارير جملة وتفصيلا.", "حماس"),
])
def test_belying_a_report_is_a_denial(nlp, text, label):
    c, _ = one(nlp, text)
    assert c.claimant.label == label and c.stance == "denies"


@pytest.mark.parametrize("text, label", [
    ("وأصدرت حركة حماس بياناً جاء فيه أن قواتها صدت الهجوم على البلدة.", "حماس"),
    ("ونشرت منظمة العفو الدولية تقريراً جاء فيه أن آلاف المدنيين نزحوا من المدينة.", "منظمة العفو الدولية"),
])
def test_what_a_statement_reads_is_its_issuers_claim(nlp, text, label):
    c, content = one(nlp, text)
    assert c.claimant.label == label and c.cue == "جاء فيه"
    assert not content.startswith("أن")


@pytest.mark.parametrize("text, label", [
    ("وقال مسؤول في مجلس محلي تابع للمعارضة إن القصف مستمر على الأحياء.", "مسؤول في مجلس محلي تابع للمعارضة"),
    ("وأعلن مكتب تابع للأمم المتحدة أن المساعدات وصلت إلى المدينة.", "مكتب تابع للأمم المتحدة"),
])
def test_affiliated_to_is_no_verb_inside_the_source(nlp, text, label):
    # «تابع» after a noun and before a glued «لـ» is "affiliated to", not "he continued"
    c, content = one(nlp, text)
    assert c.claimant.label == label
    assert content.startswith(("القصف", "المساعدات"))


def test_affiliated_to_opens_no_claim_and_the_verb_still_does(nlp):
    assert claims(nlp, "وسيطر فصيل تابع للجيش الوطني على القرية بعد معارك عنيفة.") == []
    c, content = one(nlp, "وتابع المتحدث أن القوات ستواصل عملياتها في الريف الشمالي.")
    assert c.cue == "وتابع" and content.startswith("القوات")


def test_lam_plus_article_names_the_entity(nlp):
    # لل is لـ + ال: «للأمم المتحدة», «للشرق الأوسط» are the UN and the newspaper
    c, _ = one(nlp, "وقال القيادي في المعارضة للشرق الأوسط إن المفاوضات متعثرة منذ أسابيع.")
    assert [a.entity for a in c.reported_to] == ["asharq_al_awsat"]
    c, _ = one(nlp, "وقال الأمين العام للأمم المتحدة إن الوضع في القطاع كارثي.")
    assert c.claimant.type == "AnonymousSource" and c.claimant.affiliation == "un"
    assert c.claimant.label == "الأمين العام للأمم المتحدة"


@pytest.mark.parametrize("text, label", [
    ("ونفت وزارة الخارجية الأنباء التي تحدثت عن انسحاب السفير من العاصمة.", "وزارة الخارجية"),
    ("وكذبت وزارة الدفاع التقارير الصادرة عن المنظمة حول الغارة.", "وزارة الدفاع"),
    ("ونفت مصادر أمنية الأنباء عن اعتقال القيادي في المدينة.", "مصادر أمنية"),
])
def test_a_report_noun_after_the_speaker_is_the_object(nlp, text, label):
    c, _ = claims(nlp, text)[0]  # (the reports' own claim, where they speak, follows)
    assert c.claimant.label == label and c.stance == "denies"


def test_a_report_noun_right_after_the_head_stays_in_the_name(nlp):
    c, _ = one(nlp, "وقالت وكالة الأنباء الرسمية إن الرئيس استقبل الوفد الزائر.")
    assert c.claimant.label == "وكالة الأنباء الرسمية"


@pytest.mark.parametrize("text, label, start", [
    ("وبحسب ما أفاد به ناشطون، فإن عناصر الفصيل انسحبوا من القرية.", "ناشطون", "عناصر الفصيل"),
    ("وفق ما أفادت به مصادر محلية، انسحبت القوات من البلدة.", "مصادر محلية", "انسحبت القوات"),
    ("وحسب ما أعلن عنه الجيش اللبناني، فإن الدورية تعرضت لإطلاق نار.", "الجيش اللبناني", "الدورية"),
])
def test_according_to_what_was_said_about_it(nlp, text, label, start):
    # the pronoun after the verb («به», «عنه») points back to ما; «فإن» opens the content
    said(nlp, text, label, start)


@pytest.mark.parametrize("text, label, start", [
    ("واتهم المجلس العسكري قوات الدعم السريع بقصف الأحياء السكنية في المدينة.", "المجلس العسكري", "قوات الدعم السريع بقصف"),
    ("وكشفت وسائل إعلام عبرية، الخميس، عن اتصالات سرية بين الطرفين.", "وسائل إعلام عبرية", "اتصالات سرية"),
    ("وتحدثت مصادر محلية لـ«عنب بلدي» عن وصول تعزيزات إلى المدينة.", "مصادر محلية", "وصول تعزيزات"),
    ("ولم يستبعد دبلوماسي غربي التوصل إلى تسوية خلال الأسابيع المقبلة.", "دبلوماسي غربي", "التوصل إلى تسوية"),
])
def test_the_object_after_the_speaker_is_what_was_said(nlp, text, label, start):
    # no «أن»: the verb's object after the subject (past a dated aside or the outlet spoken to)
    said(nlp, text, label, start)


@pytest.mark.parametrize("text, outlet", [
    ("وفي حديث لـ«عنب بلدي»، قال القيادي في الفصيل محمود العلي إن المعارك مستمرة.", "enab_baladi"),
    ("وفي مقابلة مع قناة الجزيرة، أكد وزير الخارجية التركي أن بلاده لن تنسحب.", "aljazeera"),
])
def test_an_interview_phrase_opening_the_sentence_names_the_outlet(nlp, text, outlet):
    c, _ = one(nlp, text)
    assert [a.entity for a in c.reported_to] == [outlet]


def test_what_an_outlet_published_is_the_object_of_a_denial(nlp):
    c, _ = one(nlp, "ونفى المتحدث العسكري ما نشرته صحيفة «هآرتس» حول انسحاب القوات.")
    assert c.stance == "denies" and c.reported_to == [] and c.cited_by == []


def test_a_quoted_outlet_name_inside_a_statement_phrase_is_no_content(nlp):
    c, content = one(nlp, "وقال التنظيم في بيان نشرته وكالة «أعماق» إن مقاتليه سيطروا على القرية.")
    assert [a.entity for a in c.cited_by] == ["amaq"]
    assert content.startswith("مقاتليه")


def test_the_unvowelled_verb_bayyana_opens_its_clause_only(nlp):
    c, content = one(nlp, "وبين وزير الداخلية العراقي أن القوات الأمنية اعتقلت خمسة مطلوبين.")
    assert c.claimant.label == "وزير الداخلية العراقي" and content.startswith("القوات الأمنية")
    c, content = one(nlp, "وقال المرصد السوري لحقوق الإنسان إن الاتفاق بين الطرفين ينص على أن ينسحب المقاتلون.")
    assert c.cue == "وقال"


def test_a_spokesperson_aside_opens_no_claim_of_its_own(nlp):
    c, content = one(nlp, "وأكدت الأمم المتحدة، على لسان المتحدث باسمها ستيفان دوجاريك، أن المساعدات لم تدخل القطاع.")
    assert c.claimant.entity == "un" and content.startswith("المساعدات")


@pytest.mark.parametrize("text, label, stance", [
    ("وأحجمت الخارجية الأمريكية عن التعليق على التقرير.", "وزارة الخارجية الأميركية", "declines"),
    ("وأعرب الوسيط القطري عن تفاؤله بقرب التوصل إلى اتفاق.", "الوسيط القطري", "asserts"),
    ("وشكك خبراء في قدرة الحكومة على تنفيذ الاتفاق.", "خبراء", "hedges"),
    ("وشكك مسؤولون في الحكومة العراقية بجدوى المفاوضات.", "مسؤولون في الحكومة العراقية", "hedges"),
    ("ونفت الرئاسة المصرية صحة الأنباء عن لقاء مع بنيامين نتنياهو.", "الرئاسة المصرية", "denies"),
])
def test_speakers_with_their_verbs_object(nlp, text, label, stance):
    # شكك takes its object with «في» (kg:objectPreposition) unless a name follows «في»; a person
    # named deep in an institution's phrase is the object's, not the speaker
    c, _ = one(nlp, text)
    assert c.claimant.label == label and c.stance == stance


def test_a_participle_after_an_indefinite_noun_is_an_adjective(nlp):
    c, content = one(nlp, "وأكد المتحدث أنه لا يملك معلومات مؤكدة حول مصير المختطفين.")
    assert c.stance == "hedges" and "حول مصير" in content
    got = claims(nlp, "وقال مصدر عسكري مؤكداً أن الهجوم فشل.")
    assert [x.claimant.label for x, _ in got] == ["مصدر عسكري"]


@pytest.mark.parametrize("text, stance, start", [
    ("وقال مصدر عسكري، مرجحاً أن الهجوم فشل بسبب الألغام.", "hedges", "الهجوم فشل"),
    ("وقال المتحدث: إن القوات صامدة في مواقعها.", "asserts", "القوات صامدة"),
])
def test_the_verbs_content_opened_by_a_participle_or_after_a_colon(nlp, text, stance, start):
    c, content = one(nlp, text)
    assert c.cue == "وقال" and c.stance == stance and content.startswith(start)


def test_a_chain_of_relaying_outlets(nlp):
    c, content = one(nlp, "ونقلت وكالة الأناضول عن صحيفة «يني أوزغور» التركية عن مصادر أمنية أن أنقرة أرسلت تعزيزات إلى الحدود.")
    assert c.claimant.label == "مصادر أمنية" and content.startswith("أنقرة")
    # outermost relay first: Anadolu relays Yeni Özgür (an outlet nobody listed), which relays the sources
    assert [(a.entity, a.label, a.type) for a in c.cited_by] == [
        ("anadolu", "وكالة الأناضول", "MediaOutlet"), (None, "يني أوزغور", "MediaOutlet")]


@pytest.mark.parametrize("text, claimant, relay", [
    ("وأوردت صحيفة «وول ستريت جورنال» نقلاً عن مسؤولين مصريين أن الحركة وافقت على المقترح.", "مسؤولين مصريين", "wsj"),
    ("ونسبت وكالة فرانس برس إلى مصدر دبلوماسي قوله إن المحادثات ستستأنف الأسبوع المقبل.", "مصدر دبلوماسي", "afp"),
])
def test_relay_verbs_with_their_own_source_preposition(nlp, text, claimant, relay):
    c, _ = one(nlp, text)
    assert c.claimant.label == claimant and [a.entity for a in c.cited_by] == [relay]


def test_a_relay_verb_with_an_an_and_no_source_reports(nlp):
    c, content = one(nlp, "ونقلت وكالة رويترز أن الجيش سيوسع عملياته في الجنوب.")
    assert c.claimant.entity == "reuters" and content.startswith("الجيش")
    assert claims(nlp, "ونقلت الشاحنات أسلحة إلى المدينة.") == []


@pytest.mark.parametrize("text, claimant, outlet, start", [
    ("وقالت هيئة البث الإسرائيلية «كان» إن الوفد سيتوجه إلى القاهرة.", "هيئة البث الإسرائيلية", None, "الوفد"),
    ("وقال مسؤولون أمريكيون لشبكة «سي إن إن» إن إيران زودت الحوثيين بصواريخ.", "مسؤولون أمريكيون", "سي إن إن", "إيران"),
    ("وقال الوزير في مقابلة مع قناة «الوطنية» إن الحكومة لن تقبل بالتقسيم.", "الوزير", "الوطنية", "الحكومة"),
])
def test_a_quoted_name_between_speaker_and_an_is_no_content(nlp, text, claimant, outlet, start):
    c, content = one(nlp, text)
    assert c.claimant.label == claimant and content.startswith(start)
    assert [a.label for a in c.reported_to] == ([outlet] if outlet else [])


@pytest.mark.parametrize("text, entity, stance, start", [
    ("وقالت «حماس» في بيان إن الاحتلال يماطل في تنفيذ الاتفاق.", "hamas", "asserts", "الاحتلال"),
    ('وقالت "قسد" في بيان إن التنظيم هاجم مواقعها في الريف الشرقي.', "sdf", "asserts", "التنظيم"),
    ("ونفت «هيئة تحرير الشام» الاتهامات الموجهة إليها.", "hts", "denies", None),
])
def test_a_quoted_name_right_after_the_verb_is_its_subject(nlp, text, entity, stance, start):
    c, content = one(nlp, text)
    assert c.claimant.entity == entity and c.stance == stance
    assert start is None or content.startswith(start)


@pytest.mark.parametrize("text", [
    "وقال المرصد السوري لحقوق الإنسان إن قوات النظام سلمت مواقعها لتنظيم داعش في البادية.",
    "وقال ناشطون إن عناصر التنظيم انسحبوا من البلدة دون قتال قبل وصول قوات النظام.",
])
def test_handing_over_positions_and_withdrawing_without_a_fight_allege_coordination(nlp, text):
    c, _ = one(nlp, text)
    assert "coordination" in c.allegation_types


@pytest.mark.parametrize("text, label", [
    ("قال مسؤول تركي رفيع الأحد إن الانسحاب من المنطقة غير مطروح.", "مسؤول تركي رفيع"),
    ("وقالت وزارة الدفاع الروسية اليوم إن طائراتها قصفت مواقع المسلحين.", "وزارة الدفاع الروسية"),
])
def test_a_day_or_time_word_ends_the_speaker(nlp, text, label):
    c, _ = one(nlp, text)
    assert c.claimant.label == label


@pytest.mark.parametrize("text, label, start", [
    ("وأبدى الرئيس التركي استعداده للقاء نظيره السوري.", "الرئيس التركي", "استعداده"),
    ("وأعلنت الحكومة العراقية رفضها للتدخل العسكري.", "الحكومة العراقية", "رفضها"),
    ("وأعلن وزير الدفاع الأمريكي دعمه لإسرائيل.", "وزير الدفاع الأمريكي", "دعمه"),
    ("وعبر الاتحاد الأوروبي عن قلقه من التصعيد في الشمال.", "الاتحاد الأوروبي", "قلقه"),
])
def test_a_stance_noun_after_a_definite_speaker_is_the_object(nlp, text, label, start):
    said(nlp, text, label, start)


def test_a_name_ending_like_a_pronoun_stays_a_name(nlp):
    c, _ = one(nlp, "وقال رئيس مجلس النواب اللبناني نبيه بري إن الحوار ضروري.")
    assert c.claimant.label == "نبيه بري"
    assert claims(nlp, "وعبرت القوات الحدود عبر معبر باب الهوى.") == []


@pytest.mark.parametrize("text, cue, label, start", [
    ("وجاء ذلك غداة حديث رئيس الوزراء الإسرائيلي في كلمة، الاثنين، عن وجود تقدم في المفاوضات.",
     "حديث", "رئيس الوزراء الإسرائيلي", "وجود تقدم"),
    ("وجاء ذلك بعد إعلان الجيش الإسرائيلي عن مقتل ثلاثة من جنوده في غزة.", "إعلان", "الجيش الإسرائيلي", "مقتل"),
    ("ورفضت الحركة تصريحات وزير الخارجية الإسرائيلي بأن الحرب ستستمر.", "تصريحات", "وزير الخارجية الإسرائيلي", "الحرب"),
])
def test_a_verbal_noun_annexed_to_its_speaker_opens_a_claim(nlp, text, cue, label, start):
    got = [(c, content) for c, content in claims(nlp, text) if c.cue == cue]
    assert len(got) == 1
    c, content = got[0]
    assert c.claimant.label == label and content.startswith(start)


@pytest.mark.parametrize("text", [
    "وأعلنت الحكومة حالة الطوارئ بعد إعلان الطوارئ في المدينة المجاورة.",
    "وقال القيادي في الفصيل، في تصريح له، إن المعارك مستمرة.",
    "ويقول الناشط محمد العلي، في حديث مع «العربي الجديد»، إن المعارك مستمرة.",
])
def test_a_verbal_noun_without_its_speaker_opens_nothing_and_cuts_nothing(nlp, text):
    assert not any(c.cue in ("إعلان", "تصريح", "حديث") for c, _ in claims(nlp, text))
    if "إن" in text:
        c, content = one(nlp, text)
        assert content.startswith("المعارك")


def test_an_outlet_that_learned_it_from_sources_was_spoken_to(nlp):
    c, content = one(nlp, "وعلمت «العربي الجديد» من مصادر مطلعة أن الوفد سيصل إلى القاهرة غداً.")
    assert c.claimant.label == "مصادر مطلعة" and [a.entity for a in c.reported_to] == ["al_araby_al_jadeed"]
    assert c.cited_by == [] and content.startswith("الوفد")
    assert claims(nlp, "ورفع المحتجون علم الثورة من فوق المبنى الحكومي.") == []


@pytest.mark.parametrize("text, label, start", [
    ("وجاء ذلك وسط اتهامات المعارضة السورية للنظام بالتنسيق مع تنظيم داعش.", "المعارضة السورية", "للنظام بالتنسيق"),
    ("وتصاعدت اتهامات حماس لإسرائيل بعرقلة المفاوضات في القاهرة.", "حماس", "لإسرائيل بعرقلة"),
])
def test_an_accusation_noun_with_its_accuser_and_the_accused(nlp, text, label, start):
    # the accused follows the accuser with «لـ» (kg:objectPreposition of the verbal noun)
    c = said(nlp, text, label, start)
    assert c.cue == "اتهامات"


@pytest.mark.parametrize("text, label, start", [
    ("وحذّر وزير الدفاع من تصعيد عسكري جديد في الجنوب.", "وزير الدفاع", "من تصعيد"),
    ("وجدد وزير الخارجية المصري موقف بلاده الرافض لتهجير سكان القطاع.", "وزير الخارجية المصري", "موقف بلاده"),
    ("وأعرب الأمين العام للأمم المتحدة عن قلقه إزاء القتال في الخرطوم.", "الأمين العام للأمم المتحدة", "قلقه"),
    ("ودعا مسؤول في وزارة الصحة إلى هدنة إنسانية عاجلة.", "مسؤول في وزارة الصحة", "إلى هدنة"),
])
def test_a_role_without_a_name_ends_where_the_object_starts(nlp, text, label, start):
    # no «أن» follows: an indefinite word past the role's annexed noun and adjectives, or a
    # preposition with an indefinite noun, starts what was said
    c = said(nlp, text, label, start)
    assert c.claimant.type == "AnonymousSource"


@pytest.mark.parametrize("text, label, role", [
    ("وقال عبد الأحد سليمان، عضو المجلس المحلي، إن القصف طال السوق.", "عبد الأحد سليمان", None),
    ("وقال القيادي في حركة الجهاد، سامي الأطرش، لوكالة الأناضول إن الوفد عاد.", "سامي الأطرش",
     "القيادي في حركة الجهاد"),
    ("وقال العقيد داني ميرون إن الطائرات أصابت أهدافها.", "داني ميرون", "العقيد"),
])
def test_names_after_a_name_link_a_title_or_a_role_and_comma(nlp, text, label, role):
    # «عبد» + a definite word is a name going on; a title, then a name nobody listed; a role
    # whose head alone makes a source, then the name between commas
    c, _ = one(nlp, text)
    assert (c.claimant.label, c.claimant.type) == (label, "Person")
    assert role is None or c.claimant.role == role


def test_a_surname_alone_later_is_the_person_named_before(nlp):
    got = claims(nlp, "وقال الباحث نزار القاسمي لوكالة الأناضول إن الجبهة هادئة. ورجّح القاسمي أن تستأنف المعارك قريباً.")
    assert [(c.claimant.label, c.stance) for c, _ in got] == [("نزار القاسمي", "asserts"), ("نزار القاسمي", "hedges")]
    assert got[1][1].startswith("تستأنف")


@pytest.mark.parametrize("text, label, typ", [
    ("أما وزارة الداخلية العراقية، فقد رفضت التعليق على الحادثة.", "وزارة الداخلية العراقية", "Organization"),
    ("أما مديرية الأمن في الحسكة، فرفضت الإدلاء بأي تصريح.", "مديرية الأمن في الحسكة", "Organization"),
    ("أما طهران، فقد امتنعت عن التعليق على التقرير.", "إيران", "Faction"),
])
def test_a_topic_with_amma_then_fa_is_the_subject(nlp, text, label, typ):
    # «أما X، فـ(قد) …»: the topic before the comma refuses
    c, _ = one(nlp, text)
    assert (c.claimant.label, c.claimant.type, c.stance) == (label, typ, "declines")


@pytest.mark.parametrize("text, label", [
    ("وأعلنت أنقرة أن قواتها ستبقى في شمال العراق.", "تركيا"),
    ("وقالت الدوحة إن الوساطة مستمرة.", "قطر"),
    ("ونفت تل أبيب أن تكون طائراتها قصفت المستشفى.", "إسرائيل"),
])
def test_a_capital_speaks_for_its_state(nlp, text, label):
    # kg:seatOf in the gazetteer: data, not code
    c, _ = one(nlp, text)
    assert (c.claimant.label, c.claimant.type) == (label, "Faction")


@pytest.mark.parametrize("text, label", [
    ("وفضّل المسؤول عدم الكشف عن موعد الجولة المقبلة.", "المسؤول"),
    ("ورفض المتحدث تحديد الجهة التي تقف وراء التفجير.", "المتحدث"),
])
def test_a_refusal_written_around_its_subject(nlp, text, label):
    c, _ = one(nlp, text)
    assert (c.claimant.label, c.stance) == (label, "declines")
    # the wish not to be named is no refusal
    assert claims(nlp, "وقال مصدر، فضّل عدم الكشف عن اسمه، إن الجولة أُجلت.")[0][0].stance == "asserts"


def test_a_clause_after_an_opening_anna_has_its_subject_first(nlp):
    c = said(nlp, "غير أن تقارير إعلامية تحدثت عن اتفاق سري بين الطرفين على تبادل الأسرى.", "تقارير إعلامية",
             "اتفاق سري")
    assert c.claimant.type == "AnonymousSource"


def test_according_to_a_source_who_spoke_to_an_outlet(nlp):
    c = said(nlp, "وبحسب عضو في وفد المعارضة، تحدث إلى «عنب بلدي»، فإن الاجتماع انتهى دون اتفاق.",
             "عضو في وفد المعارضة", "الاجتماع")
    assert [a.entity for a in c.reported_to] == ["enab_baladi"]


def test_an_honorific_points_back_to_the_last_speaker(nlp):
    got = claims(nlp, "وقال الرئيس التونسي إن الحوار مستمر. وشدد سيادته على أن الحل سياسي.")
    assert [c.claimant.label for c, _ in got] == ["الرئيس التونسي"] * 2 and got[1][1].startswith("الحل")


def test_a_noun_in_ta_marbuta_is_no_possessed_object(nlp):
    # «لجماعة» ends in ة, which the norm folds into ه: no «جماعته» (his group)
    c, _ = one(nlp, "واتهم عضو المجلس السياسي لحركة أنصار الله عبد الكريم الغماري، في تصريحات نقلتها قناة «المسيرة» "
                    "التابعة للحركة، التحالف بقصف ميناء الحديدة.")
    assert (c.claimant.label, c.claimant.type) == ("عبد الكريم الغماري", "Person")
    assert [a.label for a in c.cited_by] == ["قناة المسيرة"]


def test_an_accusative_with_tanwin_ends_the_subject(nlp):
    c = said(nlp, "وأبدى المحلل في مركز الخليج للأبحاث سالم الكعبي تفاؤلاً حذراً بنجاح الوساطة.", "سالم الكعبي",
             "تفاؤلاً حذراً")
    assert c.stance == "hedges"


def test_a_quoted_name_nobody_listed_right_after_the_verb_is_the_subject(nlp):
    c = said(nlp, "وذكرت \"شبكة أخبار الساحل\"، وهي منصة محلية، أن الاشتباكات تجددت قرب جبلة.", "شبكة أخبار الساحل",
             "الاشتباكات")
    assert c.claimant.type == "MediaOutlet"
    c, _ = one(nlp, "ونفى \"لواء السلام\" المدعوم من تركيا، في بيان، مشاركته في الهجوم.")
    assert (c.claimant.label, c.stance) == ("لواء السلام", "denies")


def test_after_the_medium_a_clause_with_anna_is_no_subject(nlp):
    got = claims(nlp, "أما المتحدث باسم الجيش الروسي إيغور كوناشينكوف فزعم، في منشور على منصة «تلغرام»، أن الضربة "
                      "أصابت مستودعاً للذخيرة، وادّعى أن القوات الأوكرانية انسحبت.")
    assert [c.claimant.label for c, _ in got] == ["إيغور كوناشينكوف"] * 2
    assert got[0][1].startswith("الضربة")


@pytest.mark.parametrize("text, label", [
    ("وزعم ما يسمى \"المجلس العسكري\" في بيان أن الجيش قصف القرى.", "المجلس العسكري"),
    ("كما نفى المدعو سامر الحسن، القيادي في الفصيل، أن تكون قواته بدأت الهجوم.", "سامر الحسن"),
])
def test_the_subject_after_so_called(nlp, text, label):
    c, _ = one(nlp, text)
    assert c.claimant.label == label


def test_a_preposition_right_after_the_verb_leaves_the_subject_implicit(nlp):
    got = claims(nlp, "وقال الباحث إن الوضع صعب، وشكك في جدية أي عودة قريبة إلى المفاوضات.")
    assert [(c.claimant.label, c.stance) for c, _ in got] == [("الباحث", "asserts"), ("الباحث", "hedges")]


def test_a_name_annexed_to_an_institution_is_whom_the_spokesman_speaks_for(nlp):
    c, _ = one(nlp, "في المقابل، نفى المتحدث باسم القيادة العامة لقوات حفتر، العميد خالد المحجوب، وجود أي تحركات.")
    assert (c.claimant.label, c.stance) == ("خالد المحجوب", "denies")


def test_merely_saying_continues_the_speaker_and_a_refusals_object_names_no_addressee(nlp):
    got = claims(nlp, "وقال المتحدث إن التحقيق مستمر، مكتفياً بالقول إن الحكومة «ستحاسب المسؤولين».")
    assert [c.claimant.label for c, _ in got] == ["المتحدث", "المتحدث"] and got[1][1].startswith("«ستحاسب")
    c, _ = one(nlp, "وامتنع البيت الأبيض عن التعليق على تقرير صحيفة واشنطن بوست.")
    assert c.stance == "declines" and c.reported_to == []


def test_an_unlisted_outlet_in_a_fronted_interview_phrase(nlp):
    c = said(nlp, "وفي حديث إلى «الرقيب»، قال مصدر مطلع إن المفاوضات متعثرة.", "مصدر مطلع", "المفاوضات")
    assert [(a.label, a.type) for a in c.reported_to] == [("الرقيب", "MediaOutlet")]
    # a listed outlet whose bare name is only an anaphor («النهار», the day) counts in that slot
    c = said(nlp, "وفي حديث إلى «النهار»، قال مصدر مطلع إن المفاوضات متعثرة.", "مصدر مطلع", "المفاوضات")
    assert [a.label_en for a in c.reported_to] and "Nahar" in c.reported_to[0].label_en


def test_a_quoted_name_inside_the_phrase_and_after_so_called(nlp):
    c, _ = one(nlp, "كما نفى المدعو سامر الحسن، المتحدث باسم ما يسمى \"غرفة عمليات النصر\"، في تصريح لقناة الجزيرة، "
                    "أن تكون قواته بدأت الهجوم.")
    assert c.claimant.label == "سامر الحسن" and [a.entity for a in c.reported_to] == ["aljazeera"]
    c = said(nlp, "وبحسب عضو في \"اللجنة المركزية\" بريف حمص، تحدث إلى عنب بلدي، فإن الجولة انتهت دون اتفاق.",
             "عضو في \"اللجنة المركزية\" بريف حمص", "الجولة")
    assert [a.entity for a in c.reported_to] == ["enab_baladi"]


def test_the_one_an_outlet_contacted_speaks_to_it(nlp):
    c, _ = one(nlp, "وحين تواصلت «عنب بلدي» مع المتحدث باسم وزارة الدفاع، رفض التعليق على هذه المعلومات.")
    assert (c.claimant.label, c.stance) == ("المتحدث باسم وزارة الدفاع", "declines")
    assert [a.entity for a in c.reported_to] == ["enab_baladi"]


def test_a_surname_first_in_the_phrase_is_the_person_named_before(nlp):
    got = claims(nlp, "وقال الوزير محمد الشريف إن الوضع صعب. بدوره، اتهم الشريف جماعة الحوثي بتعمد استهداف المخيمات.")
    assert [c.claimant.label for c, _ in got] == ["محمد الشريف"] * 2 and got[1][1].startswith("جماعة الحوثي")
    got = claims(nlp, "وقال قائد المنطقة اللواء منصور العوبلي إن الجبهة مستقرة. وأكد العوبلي خلال لقائه بالجنود أن المعركة مستمرة.")
    assert [c.claimant.label for c, _ in got] == ["منصور العوبلي"] * 2


def test_after_illa_anna_a_main_clause_with_its_subject_first(nlp):
    got = claims(nlp, "وأوضح مكتب الإعلام أن اللجنة تعمل، إلا أن مسؤولاً في المكتب رفض التعليق.")
    assert [(c.claimant.label, c.stance) for c, _ in got] == [("مكتب الإعلام", "asserts"),
                                                              ("مسؤولاً في المكتب", "declines")]


@pytest.mark.parametrize("text, stance", [
    ("ووثق المرصد السوري لحقوق الإنسان مقتل 11 عنصراً من قوات النظام.", "asserts"),
    ("وقال مصدر أمني إنه من المرجح أن تكون التحشيدات رسالة سياسية.", "hedges"),
    ("وقالت المتحدثة إن من المتعذر حالياً التحقق من أعداد الضحايا.", "hedges"),
])
def test_documenting_and_probability(nlp, text, stance):
    c, _ = one(nlp, text)
    assert c.stance == stance


def test_an_honorific_before_the_title_and_a_name_with_it(nlp):
    c, _ = one(nlp, "وفي تصريح لمراسل سانا، أكد السيد محافظ حماة المهندس سامي الخطيب أن الطريق آمن.")
    assert c.claimant.label == "سامي الخطيب" and [a.entity for a in c.reported_to] == ["sana"]
    c, _ = one(nlp, "وقال الكاتب رضوان السيد إن الأزمة طويلة.")
    assert c.claimant.label == "رضوان السيد"


def test_the_verbs_object_comes_before_a_quotation_after_it(nlp):
    c = said(nlp, "أعلن المجلس الرئاسي، في بيان نشره عبر صفحته الرسمية، تشكيل لجنة أمنية عليا، \"على خلفية الاشتباكات\".",
             "المجلس الرئاسي", "تشكيل لجنة")


def test_a_surname_whose_full_name_came_in_narration(nlp):
    c, _ = one(nlp, "وتفقد قائد المنطقة اللواء الركن ناصر العوبلي، صباح اليوم، المواقع. من جهته، أكد العوبلي خلال "
                    "لقائه بالمقاتلين أن المعركة مستمرة.")
    assert (c.claimant.label, c.claimant.type) == ("ناصر العوبلي", "Person")
    got = claims(nlp, "وقالت قوات الجيش إن المعارك مستمرة. وأكد الجيش أن القوات تقدمت.")
    assert [c.claimant.type for c, _ in got] == ["Faction", "Faction"]  # an institution is no surname


def test_a_quotation_of_several_sentences_set_before_its_speaker(nlp):
    c = said(nlp, "غزة (أ ف ب) - \"سمعنا صوت الطائرة ثم انهار كل شيء. أخرجنا أمي من تحت الركام\"، قال أبو محمد وهو يقف "
                  "أمام منزله.", "أبو محمد", "\"سمعنا")
    got = claims(nlp, "وفي المستشفى يتكدس الجرحى. \"الوضع كارثي. نفدت لدينا أكياس الدم\"، قال الطبيب خالد سالم.")
    assert [(c.claimant.label, c.claimant.role) for c, _ in got] == [("خالد سالم", "الطبيب")]
    assert got[0][1].startswith("\"الوضع كارثي")


@pytest.mark.parametrize("text, label", [
    ("10:18 الجيش الإسرائيلي: رصدنا إطلاق نحو 15 قذيفة صاروخية من جنوب لبنان.", "الجيش الإسرائيلي"),
    ("13:58 عاجل | قناة المنار: قصف مدفعي يطال أطراف بلدة الخيام.", "قناة المنار"),
])
def test_a_ticker_line_name_colon_content(nlp, text, label):
    c, content = one(nlp, text)
    assert (c.claimant.label, c.cue) == (label, ":") and not content.startswith(":")
    assert claims(nlp, "المصدر: وكالات") == []


def test_the_speakers_own_forces_make_its_side_a_party(nlp):
    c, _ = one(nlp, "وقال الجيش الإسرائيلي في بيان إن طائراته قصفت مواقع للمسلحين في شمال القطاع.")
    assert "idf" in [p.entity for p in c.parties]


def test_a_conflicts_anaphors_resolve_to_the_side_named_before(nlp):
    # kg:anaphor in the gazetteer: «الميليشيا» is the RSF in a Sudan story, the Houthis in a Yemen one
    got = claims(nlp, "وتتقدم قوات الدعم السريع نحو المدينة. وقال الجيش السوداني إن الميليشيا قصفت الأحياء السكنية.")
    assert "rsf" in [p.entity for p in got[-1][0].parties]
    got = claims(nlp, "وتواصل جماعة الحوثي هجماتها. وقال مصدر عسكري إن الميليشيا قصفت مواقع الجيش في مأرب.")
    assert "houthis" in [p.entity for p in got[-1][0].parties]


@pytest.mark.parametrize("text", [
    "ويُتوقع أن يناقش مجلس الأمن الوضع في المدينة الأسبوع المقبل.",
    "وأنشئت القاعدة عام 2016، ويُعتقد أنها تضم آلاف النازحين.",
    "قوات الدعم السريع تشدد الحصار على الفاشر وآلاف النازحين يفرون من المخيم",
])
def test_passives_after_a_conjunction_and_tightening_a_siege_open_no_claim(nlp, text):
    assert claims(nlp, text) == []


@pytest.mark.parametrize("text, key", [
    ("وقال الجيش السوداني إن القتال مستمر. وأكد الجيش أن قواته تقدمت.", "saf"),
    ("وقصف الجيش الإسرائيلي غزة. وقال الجيش إن الغارات مستمرة.", "idf"),
    ("وقال النظام السوري إن الوضع مستقر. وأعلن الجيش أن قواته سيطرت على التلة.", "syrian_regime"),
])
def test_an_anaphor_several_sides_share_is_the_one_named_last(nlp, text, key):
    doc = nlp(text)
    assert [e.id_ for e in doc.ents if e.text == "الجيش"] == ["anaphor|" + key]


@pytest.mark.parametrize("text, kind", [
    ("وقال مصدر طبي إن الغارة أدت إلى سقوط شهيدين في البلدة.", "casualties"),
    ("وقال ناشطون إن عناصر الفصيل قتلوا في الاشتباك.", "casualties"),
])
def test_an_inflected_trigger_types_the_allegation(nlp, text, kind):
    # the dual and verb endings of one-word triggers in ontology/allegations.ttl
    c, _ = one(nlp, text)
    assert kind in c.allegation_types


def test_an_object_before_a_quotation_after_an_or_after_a_pronoun_subject(nlp):
    c = said(nlp, "وفي الدوحة، أعربت وزارة الخارجية القطرية، في بيان، عن استعداد بلادها لاستضافة جولة جديدة من المحادثات "
                  "«في أقرب وقت ممكن».", "وزارة الخارجية القطرية", "استعداد بلادها")
    got = claims(nlp, "وقال المتحدث إن الاتفاق انتهى. لكنه لم يستبعد العودة إلى الاتفاق «في حال تنفيذ الشروط».")
    assert [(c.claimant.label, c.stance) for c, _ in got] == [("المتحدث", "asserts"), ("المتحدث", "hedges")]
    assert got[1][1].startswith("العودة إلى الاتفاق")


def test_an_unlisted_quoted_outlet_after_the_marker_and_a_name_ending(nlp):
    got = claims(nlp, "وقال المتحدث باسم المجلس ناجي الفيتوري في تصريح إلى \"بوابة الوسط\" إن القرار مرفوض. "
                      "وأضاف الفيتوري أن القرار يكرس الانقسام.")
    assert [[a.label for a in c.reported_to] for c, _ in got] == [["بوابة الوسط"]] * 2
    got = claims(nlp, "وقال آدم يحيى عبد الرحمن، وهو مسؤول محلي، في اتصال هاتفي مع رويترز، إن القصف مستمر. "
                      "وأضاف عبد الرحمن أن الناس يدفنون موتاهم في المنازل.")
    assert [c.claimant.label for c, _ in got] == ["آدم يحيى عبد الرحمن"] * 2
    assert [a.entity for a in got[1][0].reported_to] == ["reuters"]


def test_dual_sources_deputies_and_a_count_of_members(nlp):
    c = said(nlp, "وأوضح أحد المصدرين أن قوافل المساعدات لم تدخل المدينة منذ شهرين.", "أحد المصدرين", "قوافل")
    c = said(nlp, "واعتبر عدد من أعضاء البرلمان في تصريحات متفرقة أن الخلاف يعكس غياب سلطة موحدة.",
             "عدد من أعضاء البرلمان", "الخلاف")
    c, _ = one(nlp, "من جهته، شدد معاون وزير الخارجية الدكتور سامي الحسن، خلال استقباله وفداً أممياً، على أن الحل سياسي.")
    assert c.claimant.label == "سامي الحسن"


def test_a_denial_marker_counts_in_the_first_clause_only(nlp):
    c, _ = one(nlp, "وقال المتحدث إن الكميات محدودة وتباع لتجار محليين، ولا علاقة لنا بوجهتها النهائية.")
    assert c.stance == "asserts"
    c, _ = one(nlp, "وقال المتحدث إن الحركة لا علاقة لها بالهجوم على الحاجز.")
    assert c.stance == "denies"


def test_a_relaying_aside_between_subject_and_content_and_an_abbreviation(nlp):
    # «(أ.ف.ب)» splits no sentence; «حسبما نقلت عنه …» set off by commas makes the agency a relay
    c = said(nlp, "وأفاد \"المرصد السوري لحقوق الإنسان\"، حسبما نقلت عنه وكالة الصحافة الفرنسية (أ.ف.ب)، بأن ثلاثة "
                  "عناصر قتلوا في اشتباك ليلي.", "المرصد السوري لحقوق الإنسان", "ثلاثة عناصر")
    assert [a.entity for a in c.cited_by] == ["afp"] and c.reported_to == []


def test_a_refusing_participle_with_its_object(nlp):
    got = claims(nlp, "وقال المتحدث إن قذيفة سقطت قرب أحد مواقع البعثة، رافضاً تحديد الجهة التي أطلقتها.")
    assert [(c.claimant.label, c.stance) for c, _ in got] == [("المتحدث", "asserts"), ("المتحدث", "declines")]


def test_a_statement_issued_by_an_institution_is_its_claim(nlp):
    c = said(nlp, "وحسب بيان صادر عن وزارة الدفاع الروسية، فإن الطائرات دمرت مخازن أسلحة.", "وزارة الدفاع الروسية",
             "الطائرات")
    assert c.cited_by == []


def test_a_medium_between_the_subject_and_the_object(nlp):
    c = said(nlp, "وأعلن المتحدث العسكري باسم الجماعة عبد الله سالم في بيان متلفز استهداف سفينة تجارية في خليج عدن.",
             "عبد الله سالم", "استهداف سفينة")


def test_a_name_with_its_age_and_a_refusal_answering_an_outlets_questions(nlp):
    c, _ = one(nlp, "\"انهار كل شيء. أخرجنا أمي من تحت الركام\"، قال أبو خليل الشوا البالغ 47 عاما لوكالة فرانس برس.")
    assert c.claimant.label == "أبو خليل الشوا" and [a.entity for a in c.reported_to] == ["afp"]
    c, _ = one(nlp, "ورفض متحدث باسم التحالف الدولي، في رد مكتوب على أسئلة عنب بلدي، التعليق على الاتهامات السورية.")
    assert c.stance == "declines" and [a.entity for a in c.reported_to] == ["enab_baladi"]


def test_hastening_to_deny_is_a_denial(nlp):
    got = claims(nlp, "واتهم المفوض الأممي الطرفين بانتهاكات، في حين سارعت موسكو إلى نفي هذه الاتهامات جملة وتفصيلاً.")
    assert [(c.claimant.entity, c.stance) for c, _ in got][-1] == ("russia", "denies")
    assert claims(nlp, "وسارعت فرق الإنقاذ إلى انتشال الجثث من تحت الأنقاض.") == []


def test_the_two_sides_are_the_factions_named_before(nlp):
    got = claims(nlp, "واندلعت اشتباكات بين قوات الدعم السريع والجيش السوداني قرب الأبيض، بعد هجوم شنته "
                      "قوات الدعم السريع على مواقع الجيش السوداني. وقال شهود إن عدد القتلى من الطرفين تجاوز العشرين.")
    assert {"rsf", "saf"} <= {p.entity for p in got[-1][0].parties}


@pytest.mark.parametrize("text, side", [
    ("وقال وزير الخارجية التركي هاكان فيدان إن بلاده لن تقبل بأي تقسيم للأراضي السورية.", "turkey"),
    ("وقال مسؤول في حركة حماس لـ«الجزيرة» إن الاحتلال يعرف أننا لن نسلم السلاح.", "hamas"),
])
def test_the_speakers_country_or_we_make_its_side_a_party(nlp, text, side):
    c, _ = one(nlp, text)
    assert side in [p.entity for p in c.parties]


def test_a_bare_head_is_the_institution_named_before_with_that_head(nlp):
    got = claims(nlp, "وشنت قوات الدعم السريع هجوماً على بلدة أم روابة فجر الأحد. "
                      "وقالت القوات في بيان على تيليغرام إنها سيطرت على البلدة بالكامل.")
    assert got[-1][0].claimant.entity == "rsf"


@pytest.mark.parametrize("text, present, absent", [
    ("وقال المتحدث إن قذيفتين سقطتا قرب المعسكر من دون تسجيل إصابات.", "attack", "casualties"),
    ("وقال الدفاع المدني إن سقوط صاروخ على سوق البلدة أدى إلى مقتل ثلاثة مدنيين.", "casualties", "control"),
    ("وقال الوسيط إن التقدم المحرز في المحادثات يبقى هشاً.", "negotiation", "control"),
    ("وقال الوزير إن أنقرة لم تفِ بتعهدها فصل المعارضة المعتدلة عن هيئة تحرير الشام.", None, "control"),
    ("وأكد الوزير أن بلاده ملتزمة بالتفاهمات مع الشركاء الروس بشأن الحدود.", "agreement", "coordination"),
    ("وقال الجيش إن وحداته صدت محاولة تسلل لمسلحين قرب الحدود.", "attack", None),
    ("وقال المسعف إن عشرات العائلات ما زالت تحت الأنقاض في الحي الشرقي.", "casualties", None),
    ("ونفى المتحدث وقوع حادثة إطلاق نار على المتظاهرين.", "attack", None),
    ("وقال الوسيط إن الطرفين وافقا على وقف إطلاق نار لمدة أسبوع.", "truce", "attack"),
    ("وقال الجيش إن طائراته حيدت عددا من المسلحين قرب الحدود.", "casualties", None),
    ("وقال المسعف إن الجرحى نقلوا إلى قسم الطوارئ في المستشفى.", None, "other"),
    ("وقال الباحث إن الهدوء عاد إلى المدينة بعد أن تراجعت حدة القصف.", None, "withdrawal"),
    ("وقال المتحدث إن الحكومة لن تلجأ إلى القوة لحل الخلاف.", None, "displacement"),
    ("وقالت المنظمة إن مئات العائلات عبرت الحدود هربا من القصف.", "displacement", None),
])
def test_allegation_triggers_and_what_blocks_them(nlp, text, present, absent):
    c, _ = one(nlp, text)
    assert present is None or present in c.allegation_types, c.allegation_types
    assert absent not in c.allegation_types, c.allegation_types


@pytest.mark.parametrize("text, label", [
    ("وقال المسعف إن عشرات العائلات ما زالت عالقة في الحي الشرقي.", "المسعف"),
    ("وقالت الممرضة المناوبة: المستشفى بلا كهرباء منذ الفجر.", "الممرضة المناوبة"),
])
def test_a_speaker_no_lexicon_lists_named_by_what_they_are(nlp, text, label):
    c, _ = one(nlp, text)
    assert (c.claimant.label, c.claimant.type) == (label, "AnonymousSource")
    assert claims(nlp, "وقال الأسبوع الماضي إن الطريق مغلق.") == [] or \
        claims(nlp, "وقال الأسبوع الماضي إن الطريق مغلق.")[0][0].claimant.label != "الأسبوع الماضي"


def test_a_faction_named_once_in_passing_is_no_implicit_side(nlp):
    text = ("وقال الجيش السوداني إن وحداته صدت هجوماً في كردفان، مؤكداً أن مواقع الجيش السوداني هناك مؤمنة. "
            "وذكرت مصادر أن عناصر من داعش شوهدوا "
            "قرب الحدود قبل أشهر. وقال وسطاء إن المحادثات بين الطرفين ستستأنف الأسبوع المقبل.")
    sides = {p.entity for p in claims(nlp, text)[-1][0].parties}
    assert "isis" not in sides and "saf" in sides, sides


def test_a_side_denying_is_a_party_of_its_denial(nlp):
    c, _ = one(nlp, "ونفت حركة حماس في بيان أن تكون وافقت على جدول زمني لانسحاب القوات من القطاع.")
    assert c.stance == "denies" and "hamas" in [p.entity for p in c.parties]


@pytest.mark.parametrize("text, label, start", [
    ("وقال الجيش، في بيان وفق ما نقلت وكالة «الأناضول»، إن قواته سيطرت على التلة.", "الجيش", "قواته سيطرت"),
    ("وهدد زعيم الحزب بالانسحاب من الائتلاف إذا مضت الحكومة في خطتها.", "زعيم الحزب", "بالانسحاب"),
    ("وقال ضابط في الشرطة، طلب عدم نشر اسمه، إن المسلحين فروا نحو الجبل.", "ضابط في الشرطة", "المسلحين"),
    ("ورد المتحدث باسم الحكومة، في مؤتمر صحفي، بأن هذه الاتهامات لا أساس لها.", "المتحدث باسم الحكومة", "هذه"),
])
def test_asides_threats_anonymity_and_replies(nlp, text, label, start):
    said(nlp, text, label, start)


def test_one_of_the_sources_just_cited(nlp):
    got = claims(nlp, "وقال مسؤولان أمريكيان لشبكة «سي إن إن» إن المفاوضات متعثرة. وأضاف أحدهما أن الوفد سيغادر القاهرة.")
    c = got[-1][0]
    assert (c.claimant.label, c.claimant.type, c.claimant.affiliation) == ("أحدهما", "AnonymousSource", "us")
    assert [a.entity for a in c.reported_to] == [a.entity for a in got[0][0].reported_to] != []


def test_what_is_described_is_the_object_and_the_relay_of_a_statement_is_cited(nlp):
    got = claims(nlp, "ونفى المكتب ما أوردته الصحيفة، ووصف التقرير بأنه مفبرك.")
    assert [(c.cue, c.claimant.label) for c, _ in got] == [("ونفى", "المكتب"), ("ووصف", "المكتب")]
    assert got[1][1].startswith("التقرير بأنه")
    c, _ = one(nlp, "ونفى مصدر عسكري، في تصريح نقلته وكالة «سبوتنيك»، وجود قوات روسية في المنطقة.")
    assert [a.label for a in c.cited_by] == ["سبوتنيك"] and c.reported_to == []


@pytest.mark.parametrize("text, stance", [
    ("لكن الوزير قال إن من المبكر الحديث عن اتفاق شامل.", "hedges"),
    ("وقال الجيش في رد مقتضب إنه يتحقق من التقارير.", "declines"),
])
def test_too_early_hedges_and_checking_the_reports_declines(nlp, text, stance):
    c, _ = one(nlp, text)
    assert c.stance == stance


def test_an_accusing_participle_takes_its_object_and_an_unlisted_outlet(nlp):
    got = claims(nlp, "وقال الوزير إن الغارات دقيقة، متهما الجزائر بإيواء قادة جماعات مسلحة و\"توفير ملاذ آمن لهم\".")
    assert got[-1][1].startswith("الجزائر بإيواء")
    got = claims(nlp, "ونفى مصدر أمني الرواية، مؤكدا في تصريح لـ«صوت العاصمة» أن الاشتباك بدأ من الطرف الآخر.")
    assert [a.label for a in got[-1][0].reported_to] == ["صوت العاصمة"]


def test_a_name_after_a_sources_preposition_is_whom_they_are_close_to(nlp):
    c, _ = one(nlp, "ونقلت الإذاعة عن مقربين من رئيس الحكومة، بنيامين نتنياهو، قولهم إنه لن يخاطر بتفكيك الائتلاف.")
    assert c.claimant.type != "Person" and c.claimant.label.startswith("مقربين من")


@pytest.mark.parametrize("text, label, outlet", [
    ("\"لا أحد يستطيع أن يفرض علينا شروطا بالقوة\"، يقول مصدر في التحالف لـ\"صوت بيروت\".", "مصدر في التحالف",
     "صوت بيروت"),
    ("\"لم نقصف أي منشأة مدنية في المدينة\"، قال ناطق عسكري في تصريح لوكالة \"الأنباء المحلية\"، رفض الكشف عن اسمه.",
     "ناطق عسكري", "الأنباء المحلية"),
])
def test_a_postposed_speaker_with_an_unlisted_outlet_and_an_anonymity_formula(nlp, text, label, outlet):
    c, content = one(nlp, text)
    assert (c.claimant.label, [a.label for a in c.reported_to], c.stance) == (label, [outlet], "asserts")
    assert content.startswith("\"")


@pytest.mark.parametrize("text, label", [
    ("وقال قائمقام قضاء سنجار، خالد حسين، لشبكة رووداو، إن الطائرة استهدفت سيارة.", "خالد حسين"),
    ("واتهم عضو مجلس السيادة، الفريق أول ياسر العطا، الإمارات بتزويد الميليشيا بالأسلحة.", "ياسر العطا"),
    ("وأكد رئيس كتلة \"التنمية والتحرير\" النائب علي حسن أن الحوار هو الحل.", "علي حسن"),
])
def test_titles_and_blocs_before_a_name(nlp, text, label):
    c, _ = one(nlp, text)
    assert c.claimant.label == label


def test_what_is_described_after_the_speakers_asides(nlp):
    c, content = one(nlp, "ووصف المتحدث باسم الخارجية الأوكرانية، أندريه كوفال، تصريحات زاخاروفا بأنها عارية عن الصحة.")
    assert c.claimant.label == "أندريه كوفال" and content.startswith("تصريحات زاخاروفا بأنها")
    got = claims(nlp, "ونفت الحركة الاتهامات، ووصفتها بأنها ادعاءات لا أساس لها.")
    assert [c.cue for c, _ in got] == ["ونفت", "ووصفتها"]
    c, content = one(nlp, "ونفت حماس، في بيان مقتضب، ما وصفته بـ«تسريبات إسرائيلية» عن موافقتها على الخطة.")
    assert "تسريبات" in content


@pytest.mark.parametrize("text, stance", [
    ("وقال الوزير إن الاتفاق صامد، مستدركا أن الخلافات قد تعرقل تنفيذه.", "hedges"),
    ("وقال الوسيط إن هناك عقبات قد تعيد المفاوضات إلى نقطة الصفر.", "asserts"),
    ("وحذر الأمين العام من أن التصعيد قد يؤدي إلى كارثة إنسانية.", "asserts"),
    ("ونقلت الوكالة عن مسؤول أمريكي قوله إن \"واشنطن لا تؤكد ولا تنفي فقدان الطائرة\".", "declines"),
])
def test_may_hedges_a_main_verb_and_a_refusal_formula_declines(nlp, text, stance):
    got = claims(nlp, text)
    assert got[-1][0].stance == stance


def test_a_relative_clause_publishing_is_content_and_alisan_names_the_voice(nlp):
    c, _ = one(nlp, "وقال الجيش إن الصور التي بثتها قناة المنار قديمة.")
    assert c.cited_by == []
    c, content = one(nlp, "فيما كذبت الحكومة التشادية، على لسان الناطق باسمها، «التقارير التي تتحدث عن نقل السلاح».")
    assert c.stance == "denies" and "التقارير" in content


@pytest.mark.parametrize("text, label", [
    ("ورجّح المسؤول، الذي تحدث شريطة عدم نشر اسمه، أن تتسع دائرة الرد لتشمل مصالح أجنبية.", "المسؤول"),
    ("وقال طبيب في القسم، طلب عدم نشر اسمه، إن بين المصابين طفلين في حالة حرجة.", "طبيب في القسم"),
    ("وقال المفوض العام لوكالة الأمم المتحدة لإغاثة وتشغيل اللاجئين الفلسطينيين (الأونروا) فيليب لازاريني، "
     "في منشور على منصة \"إكس\"، إن الحصار من صنع الإنسان.", "فيليب لازاريني"),
    ("وقال عضو مجلس حكماء وأعيان الزاوية، مفتاح الحراري، في تصريح لـ\"ليبيا الأحرار\"، إن الهدنة صامدة.",
     "مفتاح الحراري"),
])
def test_relative_clauses_anonymity_and_names_inside_role_phrases(nlp, text, label):
    c, _ = one(nlp, text)
    assert c.claimant.label == label


def test_an_open_aside_before_the_object_and_latin_outlet_names(nlp):
    c, content = one(nlp, "وأبدى المبعوث الأمريكي ستيف ويتكوف، في تصريحات لشبكة \"فوكس نيوز\" تفاؤلا حذرا "
                          "بإمكانية التوصل إلى هدنة \"قبل نهاية الشهر\".")
    assert content.startswith("تفاؤلا حذرا") and c.stance == "hedges"
    c, content = one(nlp, "وقال مسؤولان أمريكيان لشبكة CNN، طلبا عدم الكشف عن اسميهما لأنهما غير مخولين بالحديث، "
                          "إن واشنطن أبلغت مسبقا.")
    assert [a.entity for a in c.reported_to] == ["cnn"] and content.startswith("واشنطن")


def test_a_medium_publishing_a_statement_nobody_listed_relays_it(nlp):
    c, _ = one(nlp, "وأعلن الجيش المالي، في بيان بثه التلفزيون الرسمي، أن طائراته حيدت عددا من المسلحين.")
    assert [a.label for a in c.cited_by] == ["التلفزيون الرسمي"]
    c, _ = one(nlp, "ورجح المحلل العسكري في صحيفة يديعوت أحرونوت، رون بن يشاي، في مقال نشرته الصحيفة اليوم، "
                    "أن تلجأ الحكومة إلى صفقة على مراحل.")
    assert [a.entity for a in c.cited_by] == ["yedioth_ahronoth"]


def test_a_clitic_inside_a_name_hides_no_other_name(nlp):
    # «لحزب» in «الجناح العسكري لحزب العمال الكردستاني» must not make «لحزب الله» unreadable
    doc = nlp("وبحسب بيان لحزب الله، فإن مقاتليه استهدفوا موقعاً في مزارع شبعا، فيما تقدمت لقوات النظام تعزيزات.")
    assert {e.id_.split("|")[-1] for e in doc.ents} >= {"hezbollah", "syrian_regime"}


def test_may_after_a_quote_opening_the_content(nlp):
    got = claims(nlp, "وقال الوزير إن الاتفاق صامد، مستدركاً أن \"الخلافات السياسية قد تعرقل أي اتفاق فني\".")
    assert got[-1][0].stance == "hedges"


def test_ala_before_anna_is_still_a_preposition(nlp):
    c, content = one(nlp, "وشدد وزير الخارجية على أن الحل في اليمن لن يكون عسكريا.")
    assert c.claimant.label == "وزير الخارجية" and content.startswith("الحل في اليمن")


@pytest.mark.parametrize("text,party", [
    ("وقالت وزارة الصحة في غزة إن عدد القتلى ارتفع. وأكد مسؤول أممي أن أرقام الوزارة موثوق بها.", "وزارة الصحة في غزة"),
    ("وأعلنت الحكومة اليمنية استعدادها للحوار. وقال دبلوماسي غربي إن الحكومة رفضت الشروط الجديدة.", "الحكومة اليمنية"),
])
def test_a_bare_head_noun_in_the_content_is_the_institution_named_with_it(nlp, text, party):
    doc = nlp(text)
    assert party in [p.label for p in doc._.claims[-1].parties]


def test_a_rank_is_no_head_anaphor(nlp):
    doc = nlp("وأعلن لواء القدس مقتل عنصرين. وقال مصدر محلي إن اللواء سامر حداد وصل إلى المدينة.")
    assert "لواء القدس" not in [p.label for p in doc._.claims[-1].parties]


def test_a_delegation_is_no_personal_name(nlp):
    c, content = one(nlp, "لكن كريم منصور، عضو وفد التفاوض، قال إن الحل ما زال بعيدا.")
    assert c.claimant.label == "كريم منصور"


def test_a_subject_with_appositions_after_ghayr_anna(nlp):
    c, content = one(nlp, "غير أن كريم منصور، عضو الوفد المفاوض عن «الجبهة الوطنية»، قال لـ«الشرق الأوسط» إن الحل ما زال بعيدا.")
    assert c.claimant.label == "كريم منصور" and [a.label for a in c.reported_to] == ["الشرق الأوسط"]


@pytest.mark.parametrize("text", [
    "مسؤول في وزارة الطاقة، فضّل عدم ذكر اسمه، قال إن الإمدادات توقفت.",
    "غير أن مسؤولا في وزارة الطاقة، طلب عدم الكشف عن هويته، أكد أن الإمدادات توقفت.",
])
def test_the_anonymity_formula_between_commas_keeps_the_subject_before_it(nlp, text):
    c, content = one(nlp, text)
    assert c.claimant.label.startswith("مسؤول") and content.startswith("الإمدادات توقفت")


@pytest.mark.parametrize("text,label,start", [
    ("وتواصل القصف على المدينة، وسط أنباء عن سقوط عشرات القتلى في صفوف المدنيين.", "أنباء", "سقوط عشرات"),
    ("وتواصل القصف وسط أنباء غير مؤكدة عن نزوح آلاف العائلات من المدينة.", "أنباء غير مؤكدة", "نزوح آلاف"),
    ("وانتهت الجولة في ظل حديث عن تقدم في ملف الأسرى والمفقودين.", "حديث", "تقدم في ملف"),
    ("وتصاعد القتال وسط اتهامات متبادلة بارتكاب انتهاكات بحق المدنيين.", "اتهامات متبادلة", "بارتكاب انتهاكات"),
    ("واستمر الحصار وسط اتهامات من ناشطين لقوات الأمن بقمع المتظاهرين في المدينة.", "ناشطين", "بقمع المتظاهرين"),
])
def test_reports_and_accusations_mentioned_in_passing(nlp, text, label, start):
    said(nlp, text, label, start)


@pytest.mark.parametrize("text", [
    "وسط حديث عن «تنازلات» متبادلة، يبدو أن الطرفين اقتربا من اتفاق.",  # fronted: sets the scene
    "وتجمع المحتجون وسط المدينة للمطالبة برحيل الحكومة.",  # «وسط» the place
])
def test_no_report_in_passing(nlp, text):
    assert not [c for c, _ in claims(nlp, text) if c.cue.startswith("وسط")]


def test_concluding_a_visit_is_no_statement(nlp):
    got = claims(nlp, "واختتم الوفد زيارته إلى القاهرة بعد لقاءات مع المسؤولين. واختتم الوزير كلمته بالقول إن الحرب لن تتوقف.")
    assert [(c.claimant.label, content[:5]) for c, content in got] == [("الوزير", "الحرب")]


def test_an_according_to_aside_between_commas_before_a_nominal_object(nlp):
    c, content = one(nlp, "وفي باريس، أكد مسؤول في وزارة الخارجية الفرنسية، بحسب ما نقلت وكالة الصحافة الفرنسية، "
                          "وصول «ثلاثة دبلوماسيين» إلى المدينة.")
    assert c.claimant.label.startswith("مسؤول في وزارة الخارجية") and [a.entity for a in c.cited_by] == ["afp"]
    assert content.startswith("«ثلاثة") or content.startswith("وصول")


def test_a_municipality_names_a_place_and_the_name_follows_after_a_comma(nlp):
    c, content = one(nlp, "ولفت رئيس بلدية عيترون، سامي حمود، في حديث مع «النهار»، إلى أنّ «أكثر من نصف السكان ما زالوا نازحين».")
    assert c.claimant.label == "سامي حمود"


def test_a_definite_head_annexes_no_name(nlp):
    c, content = one(nlp, "واتهمت الوزارة إسرائيل بـ«السعي لإشعال المنطقة».")
    assert c.claimant.label == "الوزارة"


def test_a_participle_after_a_clause_whose_verb_is_no_cue_quotes_that_verbs_subject(nlp):
    got = claims(nlp, "ودانت وزارة الخارجية الأردنية الهجوم، معتبرة أنه «خرق واضح للقانون الدولي»، "
                      "واتهمت إسرائيل بـ«السعي لإشعال المنطقة».")
    assert [(c.claimant.label, c.cue) for c, _ in got] == [("وزارة الخارجية الأردنية", "معتبرة"),
                                                          ("وزارة الخارجية الأردنية", "واتهمت")]
    assert "israel" in [p.entity for p in got[1][0].parties]  # the accused opens what was said


def test_accusing_after_the_speakers_own_clause_names_only_the_accused(nlp):
    got = claims(nlp, "وقال الجيش إن قواته صدت الهجوم، واتهم الحوثيين بخرق الهدنة. واتهمت إسرائيل حماس بخرق الهدنة.")
    assert [c.claimant.label for c, _ in got] == ["الجيش", "الجيش", "إسرائيل"]


def test_hold_responsible_with_a_quoted_name_before_masuliya(nlp):
    got = claims(nlp, "وحمّلت الحكومة اليمنية، في بيان، «جماعة الحوثي» مسؤولية التصعيد.")
    assert [c.claimant.label for c, _ in got] == ["الحكومة اليمنية"]
    assert not claims(nlp, "وتبنت الجماعة، عبر مؤسسة «الزلاقة» الذراع الإعلامية لها، مسؤوليتها عن الكمين.") or \
        all(c.cue != "عبر" for c, _ in claims(nlp, "وتبنت الجماعة، عبر مؤسسة «الزلاقة» الذراع الإعلامية لها، مسؤوليتها عن الكمين."))


def test_a_successor_in_power_takes_over_the_states_plain_names(nlp):
    # an article of 2025 (the new president named) and one of the Assad years (nobody of the new authorities)
    new = nlp("استقبل الرئيس السوري أحمد الشرع وفدا من الوسطاء. وقال مصدر إن دمشق ترفض أي تقسيم، وإن الجيش السوري "
              "سينتشر في المنطقة خلال أيام.")
    old = nlp("وقال مصدر إن دمشق ترفض أي تقسيم، وإن الجيش السوري سينتشر في المنطقة خلال أيام.")
    assert {p.entity for p in new._.claims[-1].parties} == {"syrian_transitional_government"}
    assert {p.entity for p in old._.claims[-1].parties} == {"syrian_regime"}
    # names of the old regime keep meaning it: «قوات الأسد»
    mixed = nlp("استقبل الرئيس السوري أحمد الشرع وفدا من الوسطاء. وقال مصدر إن قوات الأسد ارتكبت مجازر في المنطقة.")
    assert "syrian_regime" in {p.entity for p in mixed._.claims[-1].parties}


@pytest.mark.parametrize("text,label", [
    ("وألقى الوزير كلمة أكد فيها أن الحرب لن تتوقف.", "الوزير"),
    ("وفي السياق ذاته، وجهت وزارة الخارجية والمغتربين رسالتين إلى الأمين العام، أكدت فيهما أن الوجود الأجنبي غير شرعي.",
     "وزارة الخارجية والمغتربين"),
    ("وقال الوزير إن الوضع صعب. وعقد مؤتمرا صحفيا قال خلاله إن الحرب لن تتوقف.", "الوزير"),
])
def test_a_speech_event_pronoun_points_to_the_speaker_of_the_event(nlp, text, label):
    assert claims(nlp, text)[-1][0].claimant.label == label


def test_a_quoted_name_closes_the_subject(nlp):
    c, content = one(nlp, "وأفاد «المرصد السوري لحقوق الإنسان» بمقتل ثلاثة عناصر من قوات النظام في اشتباكات بريف حماة.")
    assert c.claimant.entity == "sohr" and content.startswith("بمقتل") or content.startswith("مقتل")


@pytest.mark.parametrize("text", [
    "وقال قائد عسكري للصومال الجديد إن المسلحين هاجموا القاعدة من ثلاثة محاور.",
    "وقال القائد، في حديث مع الصومال الجديد، إن المسلحين هاجموا القاعدة من ثلاثة محاور.",
])
def test_an_outlet_known_only_by_an_ambiguous_name_in_the_outlets_slot(nlp, text):
    c, _ = one(nlp, text)
    assert [a.type for a in c.reported_to] == ["MediaOutlet"]


def test_a_restrictive_relative_clause_inside_what_was_said_opens_no_claim(nlp):
    got = claims(nlp, "وأشار المصدر إلى زيارة مرتقبة للوفد ستبحث تشكيل اللجنة التي أعلنت الحركة موافقتها عليها.")
    assert [(c.claimant.label, content.endswith("عليها")) for c, content in got] == [("المصدر", True)]


def test_hold_responsible_inside_a_quotation(nlp):
    got = claims(nlp, "وقالت الوزارة إن القصف أدى إلى مقتل 12 مدنيا، محمّلة «قيادة الميليشيا المسؤولية الكاملة عن هذه المجزرة».")
    assert [c.cue for c, _ in got] == ["وقالت", "محمّلة"]


@pytest.mark.parametrize("text,start", [
    ("وكان المبعوث الأمريكي، جون براون، قد أبدى في تصريحات لشبكة \"فوكس نيوز\" تفاؤلا حذرا بإمكانية التوصل إلى هدنة "
     "\"قبل نهاية الشهر\".", "تفاؤلا حذرا"),
    ("هدد وزير المالية، أحمد سالم، مساء اليوم الثلاثاء، بالانسحاب من الحكومة في حال وافقت على صفقة \"جزئية\" مع الحركة.",
     "بالانسحاب"),
])
def test_the_object_before_a_later_quotation_opens_what_was_said(nlp, text, start):
    c, content = one(nlp, text)
    assert content.startswith(start)


def test_afada_takes_its_object_with_bi(nlp):
    said(nlp, "وأفادت أنباء متداولة بهبوط طائرات شحن عسكرية في قاعدة جوية شرقي البلاد.", "أنباء متداولة", "بهبوط")


def test_a_platform_is_a_medium_and_kama_continues_the_accuser(nlp):
    c, content = one(nlp, "وكتب رئيس الوفد المفاوض، سامي عبد الله، على منصة «إكس»، أن استهداف الموانئ لن يثني اليمن عن موقفه.")
    assert c.claimant.label == "سامي عبد الله" and content.startswith("استهداف")
    got = claims(nlp, "واتهم الوزير، كمال الطيب، دولة الإمارات بـ«تزويد الميليشيا بالمسيرات». كما اتهم كينيا بـ«توفير منصة للمتمردين».")
    assert [c.claimant.label for c, _ in got] == ["كمال الطيب", "كمال الطيب"]


def test_may_after_a_longer_subject_hedges(nlp):
    c, _ = one(nlp, "وقال مسؤول لرووداو إن «تمويل رواتب شهر حزيران قد يتأخر» إلى حين التحقق من الكميات.")
    assert c.stance == "hedges" and [a.entity for a in c.reported_to] == ["rudaw"]


@pytest.mark.parametrize("text,label", [
    ("من جهته، كتب رئيس الوفد المفاوض، المتحدث باسم الحركة، سامي عبد الله، على منصة «إكس»، أن «استهداف الموانئ لن يثني اليمن».",
     "سامي عبد الله"),
    ("وفي مؤتمر صحفي، اتهم وزير الإعلام، المتحدث باسم الحكومة، كمال الطيب، دولة الإمارات بـ«تزويد الميليشيا بالمسيرات».",
     "كمال الطيب"),
])
def test_two_titles_between_commas_then_the_name(nlp, text, label):
    c, _ = one(nlp, text)
    assert c.claimant.label == label and "المتحدث باسم" in c.claimant.role


def test_hold_responsible_with_a_quoted_subject_and_an_aside(nlp):
    got = claims(nlp, "وحمّل «جهاز الأمن العام»، في بيان، «الكتيبة 55» مسؤولية اندلاع المواجهات.")
    assert [(c.claimant.label, content.startswith("«الكتيبة")) for c, content in got] == [("جهاز الأمن العام", True)]


@pytest.mark.parametrize("text,label,start", [
    ("وقال المتحدث إن الغارات استهدفت الميناء، مدعيا أن الميناء «يُستخدم لنقل أسلحة».", "المتحدث", "الميناء"),
    ("وأعلنت وزارة الصحة الفلسطينية استشهاد شاب (19 عاما) برصاص الجيش في البلدة القديمة.", "وزارة الصحة الفلسطينية",
     "استشهاد شاب"),
    ("واتهم الوزير الإمارات بتزويد الميليشيا بالمسيرات.", "الوزير", "الإمارات"),
])
def test_claiming_participles_annexation_ends_at_a_definite_word_and_a_title_annexes_no_name(nlp, text, label, start):
    got = claims(nlp, text)
    c, content = got[-1]
    assert (c.claimant.label, content[:len(start)]) == (label, start)


@pytest.mark.parametrize("text,label", [
    pytest.param("وقال محافظ مدينة درعا سامي علي إن الطرق إلى المدينة أعيد فتحها.", "سامي علي", id="ali-before-inna"),
    pytest.param("وقال القيادي في الحركة محمود علي إنها مستعدة لاستئناف المفاوضات.", "محمود علي", id="ali-before-inna"),
    pytest.param("ورجّح الباحث في شؤون الساحل نور الدين عباس أن تطول المفاوضات.", "نور الدين عباس", id="compound-given-name"),
    pytest.param("وقال القيادي في الجبهة عطا الله داود إن الهدنة صامدة.", "عطا الله داود", id="compound-given-name"),
    pytest.param("عز الدين قاسم، المتحدث باسم الجبهة، قال إن الهدنة صامدة.", "عز الدين قاسم", id="compound-given-name"),
    pytest.param("وقال المتحدث باسم الجبهة إن الهدنة صامدة.", "المتحدث باسم الجبهة", id="bism-in-a-title"),
    pytest.param("سامر يوسف، المتحدث باسم الجبهة، قال إن الهدنة صامدة.", "سامر يوسف", id="bism-in-a-title"),
    pytest.param("وقال مدير الدفاع المدني، أحمد الشيخ علي، إن القصف أدى إلى مقتل ثلاثة مدنيين.", "أحمد الشيخ علي", id="definite-word-inside-a-name"),
    pytest.param("وقال مدير الدفاع المدني في المدينة سامر الحاج علي لـ«الجزيرة نت» إن القصف أدى إلى مقتل ثلاثة مدنيين.", "سامر الحاج علي", id="definite-word-inside-a-name"),
    pytest.param("وأكد الناطق الرسمي باسم وزارة الخارجية وشؤون المغتربين، السفير سامر الخطيب، أن الاعتداءات تجري بحماية الجيش.", "سامر الخطيب", id="titles-then-name"),
    pytest.param("وقالت الممثلة الخاصة للأمين العام، كارين لوند، إنها أجرت اتصالات مع جميع الأطراف.", "كارين لوند", id="titles-then-name"),
    pytest.param("وكان رئيس مجلس السيادة، قائد الجيش، سالم الحسن، قد جدد رفضه لأي تفاوض «مع الميليشيا المتمردة».", "سالم الحسن", id="titles-then-name"),
    pytest.param("وقال آمر اللواء 444 قتال، محمود حمزة، في كلمة مصورة، إن قواته تحركت بتكليف رسمي.", "محمود حمزة", id="titles-then-name"),
    pytest.param("غير أن مسؤولا في وزارة المالية، طلب عدم الكشف عن اسمه، قال لرووداو إن «تمويل الرواتب قد يتأخر».", "مسؤولا في وزارة المالية", id="titles-then-name"),
    pytest.param("قال الناطق الرسمي باسم القوات المسلحة السودانية، العميد الركن نبيل عبد الله، في بيان صحفي، إن القوات صدت الهجوم.",
                 "نبيل عبد الله", id="long-title-then-name"),
    pytest.param("وقال قائممقام قضاء بنجوين، آرام محمد صالح، لشبكة رووداو، إن الطائرة استهدفت سيارة.", "آرام محمد صالح",
                 id="place-head-then-name"),
    pytest.param("وقال مختار قرية الشيخ مسعود، حسين علي عمر، إن العائلات غادرت القرية.", "حسين علي عمر",
                 id="place-head-then-name"),
])
def test_the_speakers_name(nlp, text, label):
    """Names against titles, places, prepositions and function words: «علي» before «إنّ» (Ali, not
    «على»), «نور الدين», «المتحدث باسم» (no Basim), «أحمد الشيخ علي», long titles, a village's head, two
    titles between commas, then the name."""
    c, _ = one(nlp, text)
    assert c.claimant.label == label


@pytest.mark.parametrize("text, label, start", [
    ("وجاء التصعيد بعد إعلان الجيش الإسرائيلي مقتل ثلاثة جنود في كمين قرب الحدود.", "الجيش الإسرائيلي", "مقتل ثلاثة جنود"),
    ("وأثار إعلان حماس موافقتها على المقترح المصري ارتياحاً في أوساط الوسطاء.", "حماس", "موافقتها على المقترح"),
])
def test_an_announcement_takes_what_was_announced_as_its_direct_object(nlp, text, label, start):
    # kg:directObject on «إعلان», «تأكيد»: the object follows the speaker with no «عن» or «أن»
    said(nlp, text, label, start)


@pytest.mark.parametrize("text", [
    "وتزامن ذلك مع إعلان الطوارئ في مدن الساحل.",  # no speaker
    "وجاء إعلان الحكومة الأسبوع الماضي بعد مشاورات طويلة.",  # a definite word after the speaker: a time
    "وجاء إعلان الجيش السوداني بعد ساعات من الهجوم على المدينة.",  # a preposition after the speaker
])
def test_an_announcement_with_no_object_after_its_speaker_opens_no_claim(nlp, text):
    assert claims(nlp, text) == []


def test_what_a_speaker_sees_in_the_fact_just_told_is_its_claim(nlp):
    # «وهو ما رأى فيه محللون «…»»: what they say of it follows; «وهو ما أكده X»: X confirms what came before
    c, content = one(nlp, "وخفّض الجيش قواته قرب الحدود، وهو ما رأى فيه محللون أتراك «رسالة تهدئة موجهة إلى أنقرة».")
    assert c.claimant.label == "محللون أتراك" and content.startswith("«رسالة تهدئة")
    got = claims(nlp, "وقصفت الطائرات أطراف البلدة ليلاً، وهو ما أكده مصدر محلي لـ«عنب بلدي».")
    assert [(c.claimant.label, content) for c, content in got] == [("مصدر محلي", "وقصفت الطائرات أطراف البلدة ليلاً")]


def test_a_possessed_noun_after_a_prepositional_phrase_starts_the_object(nlp):
    # «منصات تابعة للميليشيا سيطرتها على …»: no noun annexes «للميليشيا»; the subject ends there
    said(nlp, "وتحاصر قوات الدعم السريع البلدة منذ أسابيع. وزعمت حسابات موالية للميليشيا المتمردة سيطرتها على مقر اللواء.",
         "حسابات موالية للميليشيا المتمردة", "سيطرتها على مقر")
    said(nlp, "وزعمت حسابات مقربة من الجماعة المسلحة مسؤوليتها عن تفجير الجسر.", "حسابات مقربة من الجماعة المسلحة",
         "مسؤوليتها عن تفجير")


@pytest.mark.parametrize("text, label, start", [
    ("وفي المقابل، تقارير صحافية تركية تحدثت عن اتصالات سرية بين أنقرة ودمشق.", "تقارير صحافية تركية", "اتصالات سرية"),
    ("ميدانياً، مصادر أهلية أكدت أن الطريق بين البلدتين ما زال مقطوعاً.", "مصادر أهلية", "الطريق بين البلدتين"),
])
def test_an_adverbial_before_a_fronted_subject_is_no_apposition_of_it(nlp, text, label, start):
    # «وفي المقابل، …» / «ميدانياً، …» set off by a comma: the subject written before the verb starts after it
    said(nlp, text, label, start)


@pytest.mark.parametrize("text, label, start", [
    ("ونفت الرئاسة الفرنسية تقارير صحافية تحدثت عن وساطة سرية بين الطرفين.", "تقارير صحافية", "وساطة سرية"),
    ("وامتنعت السفارة عن التعليق على الأنباء التي تحدثت عن ترحيل عشرات اللاجئين.", "الأنباء", "ترحيل عشرات"),
])
def test_the_reports_a_speaker_denies_or_will_not_discuss_are_claims_of_their_own(nlp, text, label, start):
    # «ونفى X تقارير … تحدثت عن …», «رفض التعليق على الأنباء التي …»: the reports say it, the speaker denies it
    got = claims(nlp, text)
    assert got[0][0].stance in ("denies", "declines")
    assert [(c.claimant.label, content[:len(start)]) for c, content in got[1:]] == [(label, start)]


def test_reports_cited_inside_what_was_said_open_no_claim(nlp):
    c, content = one(nlp, "وقال الوزير إن تقارير استخباراتية تحدثت عن تحركات للمسلحين قرب الحدود.")
    assert content.startswith("تقارير استخباراتية تحدثت")


@pytest.mark.parametrize("text, label, start", [
    ("ونفى الناطق باسم الوزارة، في مؤتمر صحافي، صحة ما تناقلته مواقع إخبارية محلية عن استقالة الوزير.",
     "مواقع إخبارية محلية", "استقالة الوزير"),
    ("ونفى مصدر في الحكومة ما تروّجه منصات معارضة عن «صفقة سرية» مع الفصائل.", "منصات معارضة", "«صفقة سرية»"),
])
def test_what_a_denial_says_others_reported_is_their_claim(nlp, text, label, start):
    # «نفى … ما تداولته X عن …»: «ما», a verb with its resumptive pronoun, the reporter, «عن»
    (d, _), (c, content) = claims(nlp, text)
    assert d.stance == "denies" and (c.claimant.label, content[:len(start)]) == (label, start)


@pytest.mark.parametrize("text, key", [
    ("وأفاد الهلال الأحمر الليبي بإجلاء عشرات العائلات من الأحياء القريبة من خطوط الاشتباك.", "libyan_red_crescent"),
    ("وقالت جمعية الهلال الأحمر السوداني إن متطوعيها دفنوا 40 جثة في الأبيض.", "sudanese_red_crescent"),
])
def test_national_red_crescent_societies_are_named_sources(nlp, text, key):
    c, _ = one(nlp, text)
    assert (c.claimant.entity, c.claimant.type) == (key, "Organization")


@pytest.mark.parametrize("text, label", [
    # (a shadda inside the name: «مصدّري» is a word all the same)
    ("وأبدت رابطة مصدّري الحبوب في أوكرانيا «تحفظها» على شروط الممر البحري.", "رابطة مصدّري الحبوب"),
    ("وأبدت نقابة الصحفيين تحفظها على مشروع قانون الإعلام الجديد.", "نقابة الصحفيين"),
])
def test_civil_society_bodies_speak_and_a_reservation_hedges(nlp, text, label):
    # «رابطة», «نقابة», «جمعية», «اتحاد» head institutions (kg:OrgHead); «تحفظها» is a reservation (hedges)
    c, _ = one(nlp, text)
    assert c.claimant.label.startswith(label) and (c.claimant.type, c.stance) == ("Organization", "hedges")


@pytest.mark.parametrize("text, key", [
    ("وأكد النائب سامان علي، في تصريح لفرانس24، أن الموازنة ستقر قريبا.", "france24"),
    ("وقال مدير الناحية، فاخر حسن، لكوردستان24، إن القصف طال قرية حدودية.", "kurdistan_24"),
])
def test_an_outlet_with_digits_glued_to_its_name_is_the_one_spoken_to(nlp, text, key):
    # «لكوردستان24»: digits glued to a word of three letters or more are their own token
    c, _ = one(nlp, text)
    assert [o.entity for o in c.reported_to] == [key]


def test_digits_after_a_tatweel_stay_glued(nlp):
    assert "الـ55" in [t.text for t in nlp("وتسللت المجموعة من منطقة الـ55 كيلومترا.")]


@pytest.mark.parametrize("text, key", [
    ("وقتل 23 شخصاً على الأقل في القصف، وفقاً لحصيلة أعدتها وكالة رويترز استناداً إلى مصادر طبية.", "reuters"),
    ("وتجاوز عدد النازحين مئة ألف، بحسب إحصاء للأمم المتحدة.", "un"),
])
def test_who_made_the_toll_is_the_source_of_according_to(nlp, text, key):
    # «وفقاً لحصيلة أعدتها X», «بحسب إحصاء لـX»: the toll (kg:function "document-noun") is no source
    c, _ = claims(nlp, text)[0]
    assert c.claimant.entity == key


@pytest.mark.parametrize("text, key", [
    ("ونفى مسؤول في الحزب، طلب عدم ذكر اسمه، في حديث لـ«الشرق الأوسط»، أي صلة للحزب بالتفجير.", "asharq_al_awsat"),
    ("ورفضت الوزارة التعليق على التسريبات، في اتصال مع «العربي الجديد».", "al_araby_al_jadeed"),
])
def test_a_denial_or_refusal_names_the_outlet_it_was_given_to_anywhere_in_its_clause(nlp, text, key):
    c, _ = one(nlp, text)
    assert c.stance in ("denies", "declines") and [o.entity for o in c.reported_to] == [key]
