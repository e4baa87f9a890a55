"""How the demo continues after the seed story, to the day it is loaded. Data only;
``demo.today`` loads it.

Illustrative, every word of it: the article stops at 15 March 2022, so the decisions that
closed the story's periods, the two later seasons, their teams, projects and dates are
fictitious, and say so where the public reads them. The later seasons' dates are offsets
from the day the demo is loaded (``demo.today``), so that a call is open on that day.
"""

import datetime

from projects.enums import MilestoneStatus, ReintegrationOutcome

day = datetime.date
ILLUSTRATIVE = "Suite illustrative de la démonstration"

# The ends of the story's periods, after 15 March 2022 ----------------------------------

# Edition 2's pre-incubation is reviewed when it ends: the key, outcome, reintegration.
JUNE_2022_SESSION = {
    "title": "Jury de fin de pré-incubation — saison 2",
    "starts_at": datetime.datetime(2022, 6, 21, 14, 0),
    "place": "Cité numérique, Le Havre",
}
JUNE_2022_REVIEWS = [
    ("energy", "continue", ""),
    ("bees", "continue", ""),
    ("zae", "reintegrate", ReintegrationOutcome.HANDED_OVER),
    ("students", "reintegrate", ReintegrationOutcome.STOPPED),
]
REVIEW_REASONS = {
    "continue": f"{ILLUSTRATIVE} : l'investigation a confirmé le problème, le prototype "
    "est à expérimenter.",
    ReintegrationOutcome.HANDED_OVER: f"{ILLUSTRATIVE} : la direction métier reprend le "
    "projet dans son activité.",
    ReintegrationOutcome.STOPPED: f"{ILLUSTRATIVE} : l'équipe termine son année d'études ; "
    "ses enseignements sont transmis aux services.",
    ReintegrationOutcome.SCALED: f"{ILLUSTRATIVE} : le service est étendu à tout le territoire.",
}
# Measurements of edition 2 staff checked once their source was shown.
EDITION_2_MEASUREMENTS_REVIEWED_AT = datetime.datetime(2022, 5, 6, 11, 0)

# Staff's own note on an experimentation they end (never public, unlike a jury's reasons).
STAFF_REASONS = {
    ReintegrationOutcome.HANDED_OVER: f"{ILLUSTRATIVE} : fin de l'expérimentation prévue ; "
    "la direction métier confirme la reprise du service.",
    ReintegrationOutcome.SCALED: f"{ILLUSTRATIVE} : fin de l'expérimentation prévue ; le "
    "service est généralisé par la direction métier.",
}
# Experimentations that end with a staff decision on their planned end: (key, date,
# reintegration outcome).
STAFF_ENDINGS = [
    ("carbolocal", datetime.datetime(2022, 9, 15, 10, 0), ReintegrationOutcome.SCALED),
    ("commerce", datetime.datetime(2022, 9, 15, 10, 0), ReintegrationOutcome.HANDED_OVER),
    ("pierre2vies", datetime.datetime(2022, 9, 15, 10, 0), ReintegrationOutcome.HANDED_OVER),
    ("energy", datetime.datetime(2022, 12, 21, 10, 0), ReintegrationOutcome.HANDED_OVER),
    ("bees", datetime.datetime(2022, 12, 21, 10, 0), ReintegrationOutcome.SCALED),
]
# A later season's call opens after this day: the continuation needs room.
LAST_STORY_DAY = day(2023, 1, 31)

# The two later seasons ----------------------------------------------------------------

SEASON_SUMMARY = (
    f"{ILLUSTRATIVE} : cette saison n'est pas celle du programme réel. Ses équipes, ses "
    "projets et ses dates sont fictifs, calculés à partir du jour où la démonstration a été "
    "chargée."
)

# The recent season: (key, title, theme, problem, solution, team, outcome of its review).
# A team member is (first, last, kind, organisation, consent), the lead first.
RECENT_LAUREATES = [
    (
        "water",
        "Fuites en vue",
        "services",
        "Les fuites d'eau chez les particuliers sont repérées tard, sur une facture trop élevée.",
        "Prévenir les abonnés dès qu'un relevé montre une consommation anormale.",
        [
            ("Claire", "Dumont", "agent", "Direction de la relation aux usagers", True),
            ("Mehdi", "Saïdi", "agent", "Direction des systèmes d'information", True),
        ],
        "continue",
    ),
    (
        "shuttle",
        "Navette des zones d'activités",
        "mobility",
        "Les salariés des zones d'activités sans voiture ne peuvent pas y venir aux horaires "
        "décalés.",
        "Une navette à la demande entre la gare et les zones d'activités, réservée la veille.",
        [
            ("Julie", "Marchetti", "agent", "Direction des mobilités", True),
            ("Paul", "Girard", "agent", "Direction du développement économique", False),
        ],
        "continue",
    ),
    (
        "repair",
        "Répar'café des quartiers",
        "circular",
        "Des objets réparables finissent en déchetterie faute de lieu pour les réparer.",
        "Des ateliers de réparation animés par des bénévoles dans les maisons de quartier.",
        [
            (
                "Simon",
                "Berthier",
                "agent",
                "Direction de l'environnement et de la biodiversité",
                True,
            )
        ],
        "reintegrate",
    ),
]
RECENT_NOT_SELECTED = [
    (
        "market",
        "Marché de nuit",
        "retail",
        "Le centre-ville se vide après la fermeture des commerces.",
        "Un marché de producteurs en soirée, une fois par mois.",
        [("Laure", "Antoine", "agent", "Direction du commerce et de l'artisanat", False)],
    ),
]

# Follow-up of the recent season's experimentations, by offset from their start or
# from the day the demo is loaded (negative: in the past).
COACHING = [
    (
        14,
        "coach",
        "3.0",
        "Lancement de l'expérimentation : objectifs à six mois et indicateur suivi.",
        "Choisir le premier quartier d'expérimentation.",
    ),
    (
        49,
        "coach2",
        "2.0",
        "Premiers retours des usagers ; ajustements du service.",
        "Mesurer la première période complète.",
    ),
    (
        98,
        "coach",
        "2.0",
        "Lecture de l'indicateur à mi-parcours.",
        "Préparer le bilan de fin de phase.",
    ),
]
# (title, days from today, status): due in the past, soon, and after the period.
MILESTONES = [
    ("Premier quartier équipé", -90, MilestoneStatus.REACHED),
    ("Cent usagers informés du service", -40, MilestoneStatus.REACHED),
    ("Bilan intermédiaire partagé avec la direction", 5, MilestoneStatus.IN_PROGRESS),
    ("Bilan de fin de phase rédigé", 18, MilestoneStatus.PLANNED),
]
DAYS_GIVEN = ("7", "8", "6.5", "8", "7.5", "8")
INDICATORS = {
    "water": (
        "Abonnés prévenus d'une consommation anormale",
        "abonnés",
        "150",
        "Alertes envoyées après un relevé anormal, comptées en fin de mois.",
        "Journal des alertes du service de l'eau (fictif)",
        ("12", "31", "58"),
    ),
    "shuttle": (
        "Trajets réservés",
        "trajets",
        "900",
        "Trajets réservés la veille et effectués, comptés en fin de mois.",
        "Registre des réservations de la navette (fictif)",
        ("110", "240", "370"),
    ),
}

# The current season: its submitted applications, and its drafts.
CURRENT_SUBMITTED = [
    (
        "library",
        "Médiathèque hors les murs",
        "students",
        "Les habitants éloignés des médiathèques n'empruntent presque jamais de livres.",
        "Un point de prêt itinérant dans les marchés et les maisons de quartier.",
        [
            ("Amandine", "Collet", "agent", "Direction de la culture et du tourisme", True),
            (
                "Noah",
                "Fernandes",
                "local_actor",
                "Conseil de développement de Le Havre Seine Métropole",
                False,
            ),
        ],
        -10,
    ),
    (
        "heat",
        "Îlots de fraîcheur",
        "energy",
        "Les cours d'école deviennent des îlots de chaleur pendant les épisodes caniculaires.",
        "Végétaliser des cours d'école avec les enfants, les parents et les services.",
        [
            (
                "Bruno",
                "Lemoine",
                "agent",
                "Direction de l'environnement et de la biodiversité",
                True,
            ),
            (
                "Sarah",
                "Ouali",
                "agent",
                "Direction de l'habitat et de la rénovation énergétique",
                True,
            ),
        ],
        -6,
    ),
    (
        "appointments",
        "Rendez-vous en ligne en mairie annexe",
        "services",
        "Les usagers attendent longtemps au guichet pour des démarches simples.",
        "La prise de rendez-vous en ligne pour les démarches des mairies annexes.",
        [("Kevin", "Duval", "agent", "Direction de la relation aux usagers", False)],
        -2,
    ),
]
# (key, title, theme, problem, lead): the demo applicant's draft first, half written.
CURRENT_DRAFTS = [
    (
        "applicant",
        "Colocations étudiantes solidaires",
        "students",
        "Les étudiants peinent à se loger près des écoles, alors que des seniors vivent seuls "
        "dans de grands logements.",
        None,
    ),
    ("bikes", "Vélos-cargos pour les commerçants", "retail", "", ("Yasmine", "Rahmani")),
    ("compost", "Compost partagé au pied des immeubles", "circular", "", ("Eric", "Vidal")),
]
