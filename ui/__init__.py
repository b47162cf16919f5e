"""Rapport's window: PySide6 widgets and Qt models over the core. No SQL, no tier rules here."""
