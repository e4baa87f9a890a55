"""The applications of the seed story and their teams. Data only; the teams are fictitious,
the titles of edition 1's projects and the themes of edition 2 come from the article."""

# Applications: (key, title, theme, team, problem, solution). A team is a list of
# (first, last, kind, organisation key or short name, consent); the first is the lead.
EDITION_1_LAUREATES = [
    (
        "carbolocal",
        "Carbolocal",
        "carbon",
        "Les agriculteurs du territoire manquent d'appui pour engager une transition de leurs "
        "pratiques, et les entreprises locales ne savent pas où compenser leurs émissions.",
        "Engager une transition des pratiques agricoles autour d'une plateforme de compensation "
        "carbone volontaire et locale.",
        [
            (
                "Antoine",
                "Lefèvre",
                "agent",
                "Direction de l'agriculture et de l'alimentation",
                True,
            ),
            (
                "Nadia",
                "Haddad",
                "agent",
                "Direction de l'environnement et de la biodiversité",
                True,
            ),
        ],
    ),
    (
        "commerce",
        "Commerce&vous",
        "retail",
        "Les offres numériques des commerces locaux sont dispersées et peu lisibles pour les "
        "habitants.",
        "Rendre les offres digitales des commerces locaux lisibles et plus accessibles pour les "
        "usagers.",
        [
            ("Élodie", "Vasseur", "agent", "Direction du commerce et de l'artisanat", True),
            ("Karim", "Mansouri", "local_actor", "Union des commerçants du centre-ville", False),
        ],
    ),
    (
        "pierre2vies",
        "Pierre2vies",
        "circular",
        "Les pierres tombales des concessions reprises sont détruites, alors que les familles "
        "cherchent des monuments moins coûteux.",
        "Recycler les pierres tombales pour une offre moins coûteuse et plus respectueuse des "
        "ressources.",
        [
            (
                "Thierry",
                "Lecomte",
                "agent",
                "Direction des cimetières et des services funéraires",
                True,
            ),
            (
                "Maëlle",
                "Guérin",
                "agent",
                "Direction des cimetières et des services funéraires",
                False,
            ),
        ],
    ),
]

EDITION_2_LAUREATES = [
    (
        "energy",
        "Repérage solidaire",
        "energy",
        "Les ménages en situation de précarité énergétique sont difficiles à repérer, et les "
        "acteurs du territoire qui peuvent les aider agissent chacun de leur côté.",
        "Un outil partagé de repérage et de coordination entre travailleurs sociaux, bailleurs et "
        "conseillers énergie.",
        [
            (
                "Isabelle",
                "Caron",
                "agent",
                "Direction de l'habitat et de la rénovation énergétique",
                True,
            ),
            (
                "Olivier",
                "Petit",
                "agent",
                "Direction de l'habitat et de la rénovation énergétique",
                False,
            ),
            ("Fatou", "Diallo", "agent", "Direction de la relation aux usagers", True),
        ],
    ),
    (
        "bees",
        "Ruches de l'estuaire",
        "bees",
        "Les populations d'abeilles déclinent sur le territoire.",
        "Cartographier les ressources mellifères et accompagner apiculteurs et communes pour "
        "enrayer le déclin des abeilles et des autres pollinisateurs.",
        [
            (
                "Guillaume",
                "Hébert",
                "agent",
                "Direction de l'environnement et de la biodiversité",
                True,
            ),
            (
                "Chantal",
                "Lemaire",
                "local_actor",
                "Association des apiculteurs de l'estuaire",
                True,
            ),
        ],
    ),
    (
        "zae",
        "ZAE Renouveau",
        "zae",
        "Des bâtiments vieillissants des zones d'activités économiques restent vacants faute "
        "d'accompagnement de leurs propriétaires.",
        "Encourager la réhabilitation des biens immobiliers des zones d'activités en "
        "accompagnant les propriétaires, du diagnostic aux financements.",
        [
            ("Sébastien", "Martel", "agent", "Direction du développement économique", True),
            ("Aurélie", "Renaud", "agent", "Direction du développement économique", True),
        ],
    ),
    (
        "students",
        "Le Havre Étudiant",
        "students",
        "Les étudiantes et étudiants du Havre se rencontrent peu entre écoles et connaissent mal "
        "l'offre culturelle et touristique du territoire.",
        "Favoriser les rencontres entre étudiants du Havre et rendre visible l'offre culturelle "
        "et touristique, avec une application pensée par et pour eux.",
        [
            ("Lucas", "Moreau", "student", "La Manu", True),
            ("Inès", "Belkacem", "student", "La Manu", True),
            ("Hugo", "Lambert", "student", "La Manu", False),
            ("Zoé", "Perrin", "student", "La Manu", True),
        ],
    ),
]

# Shortlisted in edition 2 but not selected on 15 March.
EDITION_2_NOT_SELECTED = [
    (
        "mobility",
        "Vélo des agents",
        "mobility",
        "Les agents se déplacent en voiture entre sites proches.",
        "Une flotte de vélos à assistance électrique partagée entre sites.",
        [("Romain", "Faure", "agent", "Direction des mobilités", False)],
    ),
    (
        "desk",
        "Guichet associatif unique",
        "services",
        "Les associations doivent s'adresser à plusieurs services pour une même démarche.",
        "Un guichet unique en ligne et physique pour les démarches associatives.",
        [("Nathalie", "Bouvier", "agent", "Direction de la relation aux usagers", False)],
    ),
    (
        "paper",
        "Zéro papier en mairie annexe",
        "services",
        "Les formulaires papier ralentissent les démarches et se perdent.",
        "Dématérialiser les formulaires les plus demandés, avec un accompagnement sur place.",
        [("Damien", "Roche", "agent", "Direction des systèmes d'information", False)],
    ),
]

# Submitted in edition 2, not shortlisted (15 - 7 = 8).
EDITION_2_NOT_SHORTLISTED = [
    (
        "Composteurs de quartier connectés",
        "circular",
        "Direction de l'environnement et de la biodiversité",
    ),
    ("Signalement des nids-de-poule", "mobility", "Direction des mobilités"),
    ("Covoiturage des agents", "mobility", "Direction des mobilités"),
    ("Bibliothèque d'outils partagés", "circular", "Direction de la relation aux usagers"),
    (
        "Marchés de producteurs en ligne",
        "carbon",
        "Direction de l'agriculture et de l'alimentation",
    ),
    (
        "Accueil numérique des nouveaux habitants",
        "services",
        "Direction de la relation aux usagers",
    ),
    ("Parcours touristique sonore", "students", "Direction de la culture et du tourisme"),
    ("Chatbot des déchetteries", "services", "Direction des systèmes d'information"),
]
