"""What edition 1's projects measured in their first experimentation, and the reports
their teams submitted before the jury of 15 March 2022. Data only; ``demo.follow_up``
loads it.

The article says only that "positive impacts" were measured after six months of
experimentation and that the jury renewed the three projects: every figure, date and
sentence below is illustrative, fictitious but consistent with each project's theme.
"""

import datetime

day = datetime.date

# The end of each month of the experimentation, when teams count their figures.
OCT, NOV, DEC, JAN, FEB = (
    day(2021, 10, 29),
    day(2021, 11, 30),
    day(2021, 12, 31),
    day(2022, 1, 31),
    day(2022, 2, 28),
)

# Indicators: name, unit, baseline, target, method, source, [(date, value)]. All
# published: staff validated every measurement.
EDITION_1_INDICATORS = {
    "carbolocal": [
        {
            "name": "Exploitations agricoles engagées dans un diagnostic carbone",
            "unit": "exploitations",
            "baseline": "0",
            "target": "15",
            "method": (
                "Nombre cumulé d'exploitations ayant signé la convention de diagnostic, relevé en "
                "fin de mois."
            ),
            "source": "Registre des conventions de diagnostic",
            "values": [(OCT, "2"), (NOV, "5"), (DEC, "7"), (JAN, "10"), (FEB, "13")],
        },
        {
            "name": "Émissions compensées localement",
            "unit": "t CO2e",
            "baseline": "0",
            "target": "400",
            "method": (
                "Tonnes équivalent CO2 couvertes par les engagements signés d'entreprises du "
                "territoire, cumulées depuis septembre."
            ),
            "source": "Engagements signés sur la plateforme",
            "values": [(NOV, "35"), (DEC, "90"), (JAN, "170"), (FEB, "265")],
        },
        {
            "name": "Entreprises contributrices",
            "unit": "entreprises",
            "baseline": "0",
            "target": "10",
            "method": "Entreprises ayant financé au moins une tonne, comptées en fin de mois.",
            "source": "Comptes entreprises actifs de la plateforme",
            "values": [(DEC, "2"), (JAN, "4"), (FEB, "6")],
        },
    ],
    "commerce": [
        {
            "name": "Commerces référencés avec leur offre en ligne",
            "unit": "commerces",
            "baseline": "35",
            "target": "150",
            "method": (
                "Commerces dont la fiche (retrait, livraison, boutique en ligne) est publiée et "
                "vérifiée par le commerçant, comptés en fin de mois."
            ),
            "source": "Fiches publiées de l'annuaire",
            "values": [(OCT, "48"), (NOV, "67"), (DEC, "92"), (JAN, "105"), (FEB, "121")],
        },
        {
            "name": "Visites mensuelles de l'annuaire",
            "unit": "visites",
            "baseline": "0",
            "target": "4000",
            "method": (
                "Visites du mois selon la mesure d'audience du site, sans cookie, robots exclus."
            ),
            "source": "Mesure d'audience du site",
            "values": [(OCT, "410"), (NOV, "1280"), (DEC, "3350"), (JAN, "1940"), (FEB, "2480")],
        },
    ],
    "pierre2vies": [
        {
            "name": "Monuments récupérés sur les concessions reprises",
            "unit": "monuments",
            "baseline": "0",
            "target": "50",
            "method": (
                "Monuments déposés et stockés après la reprise d'une concession, cumulés depuis "
                "septembre."
            ),
            "source": "Registre des reprises de concessions",
            "values": [(OCT, "6"), (NOV, "9"), (DEC, "17"), (JAN, "25"), (FEB, "34")],
        },
        {
            "name": "Monuments de réemploi remis à des familles",
            "unit": "monuments",
            "baseline": "0",
            "target": "15",
            "method": "Monuments rénovés vendus à des familles, cumulés depuis septembre.",
            "source": "Registre des ventes du service des cimetières",
            "values": [(DEC, "2"), (JAN, "5"), (FEB, "9")],
        },
        {
            "name": "Granit réemployé",
            "unit": "tonnes",
            "baseline": "0",
            "target": "30",
            "method": "Masse des pierres réemployées, pesée à la sortie de l'atelier, cumulée.",
            "source": "Bons de pesée de l'atelier",
            "values": [(NOV, "3.2"), (DEC, "6.8"), (JAN, "11.5"), (FEB, "16.4")],
        },
    ],
}

# The team's end-of-phase report, submitted before the jury of 15 March 2022.
REPORT_SUBMITTED_AT = datetime.datetime(2022, 3, 8, 17, 30)
EDITION_1_REPORTS = {
    "carbolocal": {
        "problem": (
            "Les agriculteurs veulent faire évoluer leurs pratiques mais le diagnostic et les "
            "premiers investissements restent à leur charge ; les entreprises qui veulent "
            "compenser leurs émissions financent des projets lointains, faute d'offre locale "
            "lisible."
        ),
        "tested": (
            "Une convention de diagnostic carbone avec la chambre d'agriculture ; une plateforme "
            "de compensation volontaire locale ouverte à des entreprises pilotes ; un prix de la "
            "tonne fixé avec les agriculteurs."
        ),
        "results": (
            "Treize exploitations engagées sur quinze visées, dont quatre ont déjà changé une "
            "pratique (couverts végétaux, haies) ; 265 tonnes financées par six entreprises du "
            "territoire."
        ),
        "indicators_comment": (
            "Les diagnostics approchent de la cible. Le financement atteint les deux tiers de "
            "l'objectif : les entreprises signent après plusieurs rendez-vous."
        ),
        "recommendation_reasons": (
            "La demande des agriculteurs est confirmée et les entreprises renouvellent leur "
            "engagement. Six mois de plus permettraient d'atteindre dix entreprises et d'outiller "
            "la vérification des pratiques."
        ),
    },
    "commerce": {
        "problem": (
            "Beaucoup de commerces proposent retrait, livraison ou boutique en ligne, mais les "
            "habitants l'ignorent : chaque offre est annoncée sur un canal différent."
        ),
        "tested": (
            "Un annuaire unique des offres numériques des commerces, rempli avec les commerçants "
            "lors de permanences en boutique ; une campagne d'affichage avant les fêtes."
        ),
        "results": (
            "121 commerces référencés contre 35 au départ ; près de 2 500 visites par mois, avec "
            "un pic de 3 350 en décembre."
        ),
        "indicators_comment": (
            "Le référencement progresse de quinze à vingt-cinq commerces par mois. L'audience "
            "suit les temps forts commerciaux."
        ),
        "recommendation_reasons": (
            "Les commerçants demandent à tenir leur fiche eux-mêmes : la phase suivante doit leur "
            "ouvrir cet accès et étendre l'annuaire aux communes voisines."
        ),
    },
    "pierre2vies": {
        "problem": (
            "Lors des reprises de concessions, les monuments sont détruits à grands frais, alors "
            "que des familles renoncent à un monument neuf trop cher et que le granit vient de "
            "loin."
        ),
        "tested": (
            "Dépose soignée et stockage des monuments ; rénovation et regravure dans un atelier "
            "partagé ; une offre de réemploi à prix réduit présentée par les agents d'accueil."
        ),
        "results": (
            "34 monuments récupérés, 9 remis à des familles à moitié prix du neuf, 16,4 tonnes de "
            "granit réemployées."
        ),
        "indicators_comment": (
            "La récupération tient son rythme ; la remise aux familles démarre plus lentement (9 "
            "sur 15) car la regravure attendait l'accord des marbriers."
        ),
        "recommendation_reasons": (
            "Les familles acceptent l'offre et les marbriers sont prêts à s'y associer : la phase "
            "suivante doit conventionner avec eux et tester l'offre dans un deuxième cimetière."
        ),
    },
}
