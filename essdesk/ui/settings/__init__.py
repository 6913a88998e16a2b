"""Fichier ▸ Paramètres… : the agency, backups, SMIC, local scheme rates, fees, retention."""

from essdesk.ui.settings.dialog import SettingsDialog, open_settings_dialog

__all__ = ["SettingsDialog", "open_settings_dialog"]
