"""How the seed story's laureates were followed in their periods: coaching, milestones,
time given, resources; and edition 2's first indicators. Data only;
``demo.follow_up`` loads it (edition 1's results are in ``demo.impact_story``).

The article names no coach's session nor any figure: everything below is illustrative,
fictitious but consistent with each project's theme and with the jury's decisions.
"""

import datetime

day = datetime.date

# Edition 1, first experimentation (7 September 2021 to 15 March 2022) ----------------

# Coaching sessions: (date, coach key, hours, what was worked on, next steps).
EDITION_1_COACHING = {
    "carbolocal": [
        (
            day(2021, 9, 14),
            "coach",
            "3.0",
            "Lancement de l'expérimentation : objectifs à six mois, indicateurs et méthode de "
            "mesure avec la chambre d'agriculture.",
            "Rédiger la convention de diagnostic.",
        ),
        (
            day(2021, 10, 12),
            "coach2",
            "2.0",
            "Parcours d'une entreprise qui finance une tonne de CO2 : maquette de la plateforme.",
            "Tester la maquette avec trois entreprises.",
        ),
        (
            day(2021, 11, 9),
            "coach",
            "2.0",
            "Retours des premières exploitations diagnostiquées ; prix de la tonne.",
            "Fixer le prix avec les agriculteurs.",
        ),
        (
            day(2021, 12, 7),
            "coach2",
            "2.5",
            "Mise en ligne de la plateforme ; suivi des engagements des entreprises.",
            "Relancer les entreprises rencontrées au salon.",
        ),
        (
            day(2022, 1, 18),
            "coach",
            "2.0",
            "Lecture des indicateurs à mi-parcours : le financement avance moins vite que les "
            "diagnostics.",
            "Préparer un argumentaire pour les entreprises.",
        ),
        (
            day(2022, 3, 1),
            "coach",
            "3.0",
            "Préparation du bilan et de la présentation au jury du 15 mars.",
            "Déposer le bilan de fin de phase.",
        ),
    ],
    "commerce": [
        (
            day(2021, 9, 16),
            "coach",
            "3.0",
            "Lancement : quelles offres numériques recenser, pour quels habitants.",
            "Lister les commerces à rencontrer en premier.",
        ),
        (
            day(2021, 10, 14),
            "coach2",
            "2.0",
            "Fiche commerce de l'annuaire : champs utiles et vérification par le commerçant.",
            "Organiser des permanences en boutique.",
        ),
        (
            day(2021, 11, 18),
            "coach",
            "2.0",
            "Campagne d'affichage avant les fêtes : messages et lieux.",
            "Mesurer l'audience de décembre.",
        ),
        (
            day(2021, 12, 16),
            "coach",
            "1.5",
            "Premiers chiffres d'audience ; retours des commerçants.",
            "Recueillir les demandes de mise à jour des fiches.",
        ),
        (
            day(2022, 1, 20),
            "coach2",
            "2.0",
            "Audience après les fêtes ; priorités de la fin de phase.",
            "Préparer l'extension à la première couronne.",
        ),
        (
            day(2022, 3, 3),
            "coach",
            "3.0",
            "Préparation du bilan et de la présentation au jury.",
            "Déposer le bilan de fin de phase.",
        ),
    ],
    "pierre2vies": [
        (
            day(2021, 9, 21),
            "coach",
            "3.0",
            "Lancement : circuit d'un monument, de la reprise de la concession à la famille.",
            "Choisir le lieu de stockage.",
        ),
        (
            day(2021, 10, 19),
            "coach",
            "2.0",
            "Organisation du service autour de la Toussaint ; temps disponible des agents.",
            "Reporter les déposes après la Toussaint.",
        ),
        (
            day(2021, 11, 23),
            "coach2",
            "2.0",
            "Atelier de rénovation : sécurité, outillage, regravure.",
            "Rencontrer les marbriers du territoire.",
        ),
        (
            day(2021, 12, 14),
            "coach",
            "2.0",
            "Présentation de l'offre par les agents d'accueil : entretiens avec des familles.",
            "Écrire la fiche de présentation de l'offre.",
        ),
        (
            day(2022, 1, 25),
            "coach2",
            "2.0",
            "Prix de l'offre de réemploi ; accord avec les marbriers.",
            "Mesurer le granit réemployé.",
        ),
        (
            day(2022, 3, 2),
            "coach",
            "3.0",
            "Préparation du bilan et de la présentation au jury.",
            "Déposer le bilan de fin de phase.",
        ),
    ],
}

# Milestones: (title, due date, status, note). One of each project's was dropped.
EDITION_1_MILESTONES = {
    "carbolocal": [
        (
            "Convention de diagnostic signée avec la chambre d'agriculture",
            day(2021, 10, 15),
            "reached",
            "",
        ),
        ("Cinq exploitations diagnostiquées", day(2021, 12, 15), "reached", ""),
        ("Plateforme de compensation en ligne", day(2021, 12, 20), "reached", ""),
        (
            "Label bas-carbone pour un premier projet collectif",
            day(2022, 2, 15),
            "dropped",
            "Le label demande cinq ans de suivi : la vérification passe par la chambre "
            "d'agriculture, le label est reporté à la phase suivante.",
        ),
        ("Six entreprises pilotes engagées", day(2022, 2, 28), "reached", ""),
    ],
    "commerce": [
        ("Annuaire en ligne ouvert au public", day(2021, 10, 15), "reached", ""),
        ("Campagne d'affichage avant les fêtes", day(2021, 11, 30), "reached", ""),
        ("Cent commerces référencés", day(2022, 1, 31), "reached", ""),
        (
            "Paiement en ligne intégré à l'annuaire",
            day(2022, 2, 15),
            "dropped",
            "Hors du rôle de la collectivité : les commerçants gardent leurs solutions de "
            "paiement, l'annuaire renvoie vers elles.",
        ),
    ],
    "pierre2vies": [
        ("Zone de stockage des monuments aménagée", day(2021, 10, 1), "reached", ""),
        ("Atelier de rénovation opérationnel", day(2021, 11, 15), "reached", ""),
        ("Premier monument de réemploi remis à une famille", day(2021, 12, 15), "reached", ""),
        (
            "Vente en ligne des monuments",
            day(2022, 2, 28),
            "dropped",
            "Les familles veulent voir le monument : il est présenté au cimetière par les agents "
            "d'accueil.",
        ),
    ],
}

# Days given each month, per member (in team order): planned is 2 days a week (about 8
# a month). Short months show how hard it is to release agents. (month, days, comment)
MONTHS = [day(2021, 9, 1), day(2021, 10, 1), day(2021, 11, 1), day(2021, 12, 1)]
MONTHS += [day(2022, 1, 1), day(2022, 2, 1), day(2022, 3, 1)]
EDITION_1_TIME = {
    "carbolocal": [
        ["7", "8", "8.5", "8", "8", "8", "4.5"],
        ["7", "8", "6", "3", "5", "7.5", "4"],
    ],
    "commerce": [
        ["7", "8.5", "9", "7", "8", "8", "4.5"],
        ["3", "4", "4", "1", "3", "4", "2"],
    ],
    "pierre2vies": [
        ["7", "6", "8.5", "9", "8", "8", "4.5"],
        ["6.5", "4", "3", "8", "8", "7.5", "4"],
    ],
}
EDITION_1_TIME_COMMENTS = {
    ("carbolocal", 1, day(2021, 12, 1)): "Clôture budgétaire : retenue dans mon service.",
    ("carbolocal", 1, day(2022, 1, 1)): "Remplacement d'un collègue absent.",
    ("commerce", 1, day(2021, 12, 1)): "Période des fêtes : impossible de quitter la boutique.",
    ("pierre2vies", 0, day(2021, 10, 1)): "Préparation de la Toussaint.",
    ("pierre2vies", 1, day(2021, 10, 1)): "Préparation de la Toussaint.",
    ("pierre2vies", 1, day(2021, 11, 1)): "Toussaint : forte affluence dans les cimetières.",
}
# A member who plans less than the period's 2 days a week: (project, member index, days).
EDITION_1_COMMITMENTS = [("commerce", 1, "1.0")]

# Resources: (kind, label, granted, used, note).
EDITION_1_RESOURCES = {
    "carbolocal": [
        (
            "budget",
            "Diagnostics carbone par la chambre d'agriculture",
            "18000",
            "15600",
            "Treize diagnostics réalisés.",
        ),
        (
            "staff",
            "Développeur de beta.gouv.fr, deux jours par semaine",
            None,
            None,
            "Plateforme mise en ligne en décembre.",
        ),
    ],
    "commerce": [
        ("budget", "Développement et hébergement de l'annuaire", "9000", "8400", ""),
        (
            "service",
            "Campagne d'affichage chez les commerçants",
            "2500",
            "2500",
            "Affiches et vitrophanies, novembre.",
        ),
    ],
    "pierre2vies": [
        ("equipment", "Outillage de rénovation et de regravure", "7500", "6900", ""),
        (
            "place",
            "Atelier partagé avec les services techniques",
            None,
            None,
            "Disponible à partir d'octobre.",
        ),
    ],
}

# Edition 2, pre-incubation (from 15 March 2022) ---------------------------------------

EDITION_2_COACHING = [
    (
        day(2022, 3, 22),
        "coach",
        "3.0",
        "Atelier de lancement : acteurs, usagers et hypothèses à vérifier.",
        "Préparer une grille d'entretien.",
    ),
    (
        day(2022, 4, 5),
        "coach2",
        "2.0",
        "Relecture de la grille d'entretien ; choix des usagers à rencontrer.",
        "Mener les dix premiers entretiens.",
    ),
    (
        day(2022, 4, 26),
        "coach",
        "2.5",
        "Synthèse des entretiens : ce qui confirme ou infirme le problème.",
        "Reformuler le problème et choisir un indicateur.",
    ),
]
EDITION_2_MILESTONES = [
    ("Entretiens avec au moins dix usagers", day(2022, 4, 15), "reached", ""),
    ("Problème reformulé et validé avec les coachs", day(2022, 5, 6), "in_progress", ""),
    ("Prototype testé auprès des usagers", day(2022, 6, 3), "planned", ""),
]
# One indicator each, not published yet, whose first measurement waits for staff.
MEASURED_ON = day(2022, 4, 29)
EDITION_2_INDICATORS = {
    "energy": (
        "Ménages repérés et orientés vers un conseiller",
        "ménages",
        "60",
        "Fiches de repérage prises en charge par un conseiller énergie dans le mois.",
        "14",
        "Tableau de suivi partagé avec les travailleurs sociaux, avril 2022",
    ),
    "bees": (
        "Ressources mellifères cartographiées",
        "sites",
        "120",
        "Sites relevés et décrits par les apiculteurs partenaires.",
        "37",
        "Relevés de terrain des apiculteurs, avril 2022",
    ),
    "zae": (
        "Propriétaires rencontrés",
        "propriétaires",
        "25",
        "Entretiens menés avec des propriétaires de bâtiments vacants.",
        "8",
        "Comptes rendus d'entretiens, avril 2022",
    ),
    "students": (
        "Étudiants interrogés sur leurs besoins",
        "étudiants",
        "200",
        "Réponses complètes au questionnaire diffusé dans les écoles.",
        "86",
        "Questionnaire en ligne de cinq écoles, avril 2022",
    ),
}
