"""The first-start assistant: choose or create the base, remembered; also Changer de base…"""
