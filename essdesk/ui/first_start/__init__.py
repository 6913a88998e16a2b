"""The first-start assistant: choose or create the base, remembered; Fichier ▸ Changer de base…"""
