"""CLI commands of the later surfaces (graph analytics, HTML, server...): one module each.

Each module defines ``register(app, export_app)`` and adds its typer commands; ``kg.cli`` imports
every module here at start-up, so a surface is added without editing the core CLI.
"""
