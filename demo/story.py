"""The facts of the seed story (../shared/seed): Le Havre Seine Métropole's programme.

Data only. The people named are those the article names in their public role; everyone
else is fictitious. Dates the article does not give (edition 1's calendar and juries) are
illustrative.
"""

import datetime

PROGRAMME = {
    "name": "Appel à innovateur territorial",
    "slug": "appel-a-innovateur-territorial",
    "authority_name": "Le Havre Seine Métropole",
    "tagline": "Le programme d'intrapreneuriat de la Communauté urbaine pour améliorer les "
    "services publics avec les agents et les acteurs du territoire.",
    "description": "Engagé en décembre 2020, l'appel à innovateur territorial est un programme "
    "d'intrapreneuriat visant à l'amélioration globale des services publics. Chaque saison, "
    "des équipes d'agents et d'acteurs du territoire proposent un projet ; les lauréats "
    "choisis par un jury d'élus sont accompagnés trois mois en pré-incubation, puis peuvent "
    "poursuivre en expérimentation.",
    "started_on": datetime.date(2020, 12, 1),
    "contact_email": "innovation@tremplin.test",
    "website_url": "https://www.lehavreseinemetropole.fr",
    "primary_colour": "#005A9C",
    "secondary_colour": "#14213D",
}

OBJECTIVES = [
    "Faire éclore des projets de nouveaux dispositifs et services publics innovants, en "
    "s'appuyant sur des méthodologies et des outils éprouvés dans le monde des startups.",
    "Acculturer les services à l'innovation et à ses méthodes de travail nouvelles.",
    "Impliquer, aux côtés des agents territoriaux, des acteurs du territoire pour participer "
    "au développement de la culture de l'innovation publique sur le territoire.",
]

# (kind, name, short name)
ORGANISATIONS = [
    ("department", "Direction de l'habitat et de la rénovation énergétique", ""),
    ("department", "Direction de l'environnement et de la biodiversité", ""),
    ("department", "Direction du développement économique", ""),
    ("department", "Direction de la culture et du tourisme", ""),
    ("department", "Direction de l'agriculture et de l'alimentation", ""),
    ("department", "Direction du commerce et de l'artisanat", ""),
    ("department", "Direction des cimetières et des services funéraires", ""),
    ("department", "Direction des systèmes d'information", "DSI"),
    ("department", "Direction des mobilités", ""),
    ("department", "Direction de la relation aux usagers", ""),
    ("incubator", "Incubateur des territoires de l'ANCT", "ANCT"),
    ("incubator", "beta.gouv.fr", "beta.gouv"),
    ("school", "La Manu, école supérieure des métiers du numérique", "La Manu"),
    ("local_actor", "Association des apiculteurs de l'estuaire", ""),
    ("local_actor", "Union des commerçants du centre-ville", ""),
    ("institution", "Conseil de développement de Le Havre Seine Métropole", "Codev"),
]

THEMES = {
    "energy": "Précarité énergétique",
    "bees": "Biodiversité et pollinisateurs",
    "zae": "Immobilier des zones d'activités",
    "students": "Vie étudiante, culture et tourisme",
    "carbon": "Agriculture et climat",
    "retail": "Commerce de proximité",
    "circular": "Économie circulaire",
    "mobility": "Mobilités",
    "services": "Relation aux usagers",
}

# Demo accounts, one per role: (key, e-mail, first name, last name, organisation, title)
PASSWORD = "tremplin-demo"
STAFF = ("staff", "innovation@tremplin.test", "Camille", "Morel", "", "Cheffe de projet innovation")
COACHES = [
    (
        "coach",
        "coach@tremplin.test",
        "Yanis",
        "Benali",
        "ANCT",
        "Coach, Incubateur des territoires",
    ),
    ("coach2", "coach.beta@tremplin.test", "Léa", "Fontaine", "beta.gouv", "Coach, beta.gouv.fr"),
]
# (key, e-mail, first name, last name, role, public title)
JURY = [
    (
        "president",
        "jury.president@tremplin.test",
        "Jean-Baptiste",
        "Gastinne",
        "president",
        "1er Vice-Président de la Communauté urbaine",
    ),
    (
        "jury",
        "jury@tremplin.test",
        "Hélène",
        "Marchand",
        "elected_official",
        "Vice-présidente, élue fictive de la démonstration",
    ),
    (
        "jury2",
        "jury.delaunay@tremplin.test",
        "Marc",
        "Delaunay",
        "elected_official",
        "Conseiller communautaire, élu fictif de la démonstration",
    ),
    (
        "jury3",
        "jury.nguyen@tremplin.test",
        "Sophie",
        "Nguyen",
        "elected_official",
        "Conseillère communautaire, élue fictive de la démonstration",
    ),
    (
        "codev",
        "jury.codev@tremplin.test",
        "Patricia",
        "Waldron Werner",
        "council_president",
        "Présidente du Conseil de développement de Le Havre Seine Métropole",
    ),
    (
        "secretary",
        "jury.secretariat@tremplin.test",
        "Julien",
        "Roussel",
        "secretary",
        "Secrétaire de séance, équipe innovation",
    ),
]
# The vice-president who chairs the items the president withdraws from.
SUBSTITUTE_CHAIR = "jury"
APPLICANT = "candidat@tremplin.test"

EDITIONS = [
    {
        "number": 1,
        "name": "Saison 1",
        "year": 2021,
        "slug": "saison-1",
        "summary": "La première promotion de l'appel à innovateur territorial : trois projets "
        "lauréats, accompagnés en pré-incubation puis en expérimentation.",
        "call": {
            "title": "Appel à innovateur territorial — saison 1",
            "opens_at": datetime.datetime(2020, 12, 14, 9, 0),
            "closes_at": datetime.datetime(2021, 4, 30, 23, 59, 59),
        },
    },
    {
        "number": 2,
        "name": "Saison 2",
        "year": 2022,
        "slug": "saison-2",
        "summary": "Quinze équipes ont répondu, sept ont présenté leur projet au jury, quatre "
        "ont été retenues le 15 mars pour une pré-incubation de trois mois à la Cité numérique.",
        "call": {
            "title": "Appel à innovateur territorial — saison 2",
            "opens_at": datetime.datetime(2021, 11, 15, 9, 0),
            "closes_at": datetime.datetime(2022, 1, 31, 23, 59, 59),
        },
    },
]

# What each edition changes of its phases' defaults (``editions.phases``): the article
# names the pre-incubation's place; an experimentation keeps the place of the period
# before it.
EDITION_PHASES = {"pre_incubation": {"place": "Cité numérique, Le Havre"}}

CALL_TEXTS = {
    "offer": "Trois mois de pré-incubation à la Cité numérique, un jour par semaine, avec les "
    "coachs de l'Incubateur des territoires de l'ANCT et de beta.gouv.fr ; puis, selon la "
    "maturité du projet, six mois d'expérimentation avec des moyens dédiés.",
    "eligibility": "Les agents de la Communauté urbaine, avec l'accord de leur responsable "
    "pour consacrer un jour par semaine au projet, et les acteurs du territoire : "
    "associations, entreprises, étudiantes et étudiants.",
    "rules": "Une équipe d'une à six personnes, dont un porteur ou une porteuse de projet. "
    "Les candidatures sont examinées par l'équipe innovation, puis les équipes "
    "présélectionnées présentent leur projet devant le jury.",
}

SELECTION_CRITERIA = [
    ("Valeur pour le service public", "2.00"),
    ("Faisabilité", "1.00"),
    ("Engagement de l'équipe", "1.00"),
    ("Potentiel de mise à l'échelle", "1.00"),
    ("Caractère innovant", "1.00"),
]
REVIEW_CRITERIA = [
    ("Résultats au regard des objectifs", "2.00"),
    ("Impact mesuré", "2.00"),
    ("Potentiel de mise à l'échelle", "1.00"),
]

SESSIONS = {
    "selection_1": {
        "title": "Jury de sélection — saison 1",
        "starts_at": datetime.datetime(2021, 5, 27, 14, 0),
        "place": "Hôtel de la Communauté urbaine, Le Havre",
    },
    "review_1": {
        "title": "Jury de fin de pré-incubation — saison 1",
        "starts_at": datetime.datetime(2021, 9, 7, 14, 0),
        "place": "Cité numérique, Le Havre",
    },
    "march_15": {
        "title": "Jury du 15 mars 2022 — sélection de la saison 2 et revue de la saison 1",
        "starts_at": datetime.datetime(2022, 3, 15, 14, 0),
        "place": "Hôtel de la Communauté urbaine, Le Havre",
    },
}

NEWS = [
    {
        "slug": "lancement-saison-2",
        "title": "Appel à innovateur territorial : la saison 2 est lancée",
        "category": "Innovation",
        "summary": "Agents et acteurs du territoire ont jusqu'au 31 janvier pour proposer un "
        "projet qui améliore le service public.",
        "body": "La Communauté urbaine lance la deuxième saison de son programme "
        "d'intrapreneuriat. Les équipes retenues seront accompagnées trois mois, un jour par "
        "semaine, à la Cité numérique.",
        "published_at": datetime.datetime(2021, 11, 15, 10, 0),
        "archived_at": None,
    },
    {
        "slug": "phase-investigation-4-projets",
        "title": "Innovateur territorial : la phase d'investigation commence pour les 4 "
        "projets retenus",
        "category": "Innovation",
        "summary": "Le 15 mars, le jury a délibéré pour sélectionner les lauréats de la 2e "
        "édition ; les trois projets de la 1re édition poursuivent leur expérimentation.",
        "body": "Quinze équipes ont répondu à l'appel à innovateur territorial. Parmi "
        "celles-ci, 7 ont été sélectionnées pour venir présenter leur projet devant un jury "
        "présidé par Jean-Baptiste Gastinne, 1er Vice-Président de la Communauté urbaine, et "
        "composé d'élus du territoire et de Patricia Waldron Werner, Présidente du Conseil de "
        "développement.\n\nLe jury a sélectionné 4 projets pour être accompagnés en "
        "pré-incubation (phase d'investigation) pendant 3 mois au sein de la Cité numérique "
        "par les coachs de l'Incubateur des territoires de l'ANCT et de beta.gouv.fr. L'un "
        "d'eux est porté par des étudiants de première année du Bachelor de La Manu.\n\nLes 3 "
        "projets de la 1re promotion, Carbolocal, Commerce&vous et Pierre2vies, ont présenté "
        "les résultats de 6 mois d'expérimentation : le jury leur a donné le feu vert pour "
        "une nouvelle phase de 6 mois.",
        "published_at": datetime.datetime(2022, 3, 28, 10, 0),
        "archived_at": datetime.datetime(2023, 3, 28, 10, 0),
    },
    {
        "slug": "saison-3-en-preparation",
        "title": "Saison 3 : le calendrier en préparation",
        "category": "Innovation",
        "summary": "Brouillon interne, non publié.",
        "body": "Texte en cours de rédaction.",
        "published_at": None,
        "archived_at": None,
    },
]
