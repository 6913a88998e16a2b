"""Fixed lists the demo data set draws from: Grenoble-area communes, ESS employers, jobs, sessions."""

from __future__ import annotations

# (commune, postcode, territory type) — urban core, peri-urban belt, rural revitalisation areas.
COMMUNES = [
    ("Grenoble", "38000", "urban"),
    ("Grenoble", "38100", "urban"),
    ("Échirolles", "38130", "urban"),
    ("Saint-Martin-d'Hères", "38400", "urban"),
    ("Fontaine", "38600", "urban"),
    ("Seyssinet-Pariset", "38170", "urban"),
    ("Meylan", "38240", "peri_urban"),
    ("Voiron", "38500", "peri_urban"),
    ("Vif", "38450", "peri_urban"),
    ("Crolles", "38920", "peri_urban"),
    ("Vizille", "38220", "peri_urban"),
    ("Mens", "38710", "rural"),
    ("Monestier-de-Clermont", "38650", "rural"),
    ("La Mure", "38350", "rural"),
    ("Villard-de-Lans", "38250", "rural"),
    ("Le Bourg-d'Oisans", "38520", "rural"),
]

# (name pattern, legal form, sector, NAF code)
EMPLOYER_PATTERNS = [
    ("Association d'aide à domicile de {place}", "association", "Aide à domicile", "8810A"),
    ("Centre social de {place}", "association", "Action sociale", "8899B"),
    ("MJC de {place}", "association", "Animation socioculturelle", "9499Z"),
    ("SCOP Les Charpentiers de {place}", "scop", "Bâtiment", "4332A"),
    ("SCIC Énergies citoyennes de {place}", "scic", "Énergie renouvelable", "3511Z"),
    ("Mutuelle santé de {place}", "mutuelle", "Assurance santé", "6512Z"),
    ("Fondation pour l'enfance de {place}", "fondation", "Protection de l'enfance", "8790A"),
    ("Ressourcerie de {place}", "insertion", "Réemploi", "3832Z"),
    ("Jardins de Cocagne de {place}", "insertion", "Maraîchage biologique", "0113Z"),
    ("Épicerie solidaire de {place}", "association", "Commerce solidaire", "4711D"),
    ("EHPAD associatif de {place}", "association", "Hébergement médicalisé", "8710A"),
    ("Crèche parentale de {place}", "association", "Accueil du jeune enfant", "8891A"),
    ("GEIQ Propreté de {place}", "geiq", "Propreté", "8121Z"),
    ("Coopérative de vélos de {place}", "cooperative", "Mobilité", "4764Z"),
    ("Tiers-lieu solidaire de {place}", "esus", "Restauration", "5610A"),
    ("Compagnie de théâtre de {place}", "association", "Spectacle vivant", "9001Z"),
    ("Club sportif de {place}", "association", "Sport", "9312Z"),
    ("Entreprise adaptée de {place}", "esus", "Sous-traitance industrielle", "2599B"),
    ("Régie de quartier de {place}", "insertion", "Services de proximité", "8130Z"),
    ("Banque alimentaire de {place}", "association", "Aide alimentaire", "8899B"),
    ("Foyer de jeunes travailleurs de {place}", "association", "Hébergement social", "8790B"),
    ("Chantier d'insertion Bois de {place}", "insertion", "Travaux forestiers", "0220Z"),
    ("Coopérative d'activité et d'emploi de {place}", "scop", "Accompagnement", "7022Z"),
    ("Recyclerie sportive de {place}", "esus", "Réemploi", "4764Z"),
    ("Association de médiation de {place}", "association", "Médiation sociale", "8899B"),
    ("Mutuelle de prévoyance de {place}", "mutuelle", "Assurance", "6511Z"),
    ("Centre de loisirs de {place}", "association", "Animation", "8891B"),
    ("Cinéma associatif de {place}", "association", "Culture", "5914Z"),
    ("Fondation handicap et travail de {place}", "fondation", "Travail protégé", "8810C"),
    ("Café associatif de {place}", "association", "Restauration", "5630Z"),
]

ESS_NETWORKS = [
    "UDES",
    "Chambre régionale de l'ESS",
    "Union régionale des SCOP",
    "Mouvement associatif",
    "Réseau des ressourceries",
    "Fédération des centres sociaux",
]

# (job title, ROME code)
JOB_TITLES = [
    ("Animateur périscolaire", "G1203"),
    ("Aide à domicile", "K1304"),
    ("Agent d'entretien", "K2204"),
    ("Médiateur social", "K1204"),
    ("Maraîcher", "A1414"),
    ("Vendeur en épicerie solidaire", "D1106"),
    ("Auxiliaire de puériculture", "J1304"),
    ("Agent de réemploi", "K2303"),
    ("Assistant administratif", "M1602"),
    ("Cuisinier", "G1602"),
    ("Éducateur sportif", "G1204"),
    ("Accompagnant éducatif et social", "K1302"),
    ("Mécanicien cycles", "I1607"),
    ("Chargé d'accueil", "M1601"),
    ("Agent d'entretien des espaces verts", "A1203"),
]

PARTNERSHIP_AXES = [
    (
        "Faire connaître les métiers de l'ESS",
        ["Journées découverte des métiers", "Visites de structures"],
    ),
    (
        "Faciliter les recrutements",
        ["Speed meeting annuel", "Diffusion des offres aux conseillers"],
    ),
    ("Sécuriser les parcours", ["Tutorat renforcé", "Suivi à 3 et 6 mois"]),
    ("Former et qualifier", ["Parcours certifiants avec les OPCO"]),
    ("Observer l'emploi ESS du territoire", ["Tableau de bord annuel par territoire"]),
]

# (day index from Monday, hour, title, format, audience)
WEEK_SESSIONS = [
    (0, 9, "Ouverture : l'ESS, c'est quoi ?", "workshop", None),
    (0, 14, "Témoignages de salariés de coopératives", "testimony", None),
    (1, 9, "Atelier CV et lettre pour l'ESS", "workshop", None),
    (1, 14, "Atelier réservé aux jeunes en CEJ", "workshop", "CEJ"),
    (2, 14, "Speed meeting des recruteurs de l'ESS", "speed_meeting", None),
    (3, 9, "Visite de la ressourcerie", "visit", None),
    (3, 14, "Forum des offres d'emploi", "forum", None),
    (4, 9, "Formation des conseillers à l'ESS", "workshop", "staff"),
]
