"""French function words and closed word classes the extraction reads, in one place.

Open vocabularies (roles, nationalities, interaction and claim cues, honorifics, family
nouns) are data files in ``ontology/lexicons/``; what is here is grammar: articles,
prepositions, negation and modality markers, clause boundaries.

>>> "du" in GENITIVE and "dans" in LOCATIVE
True
"""
from __future__ import annotations

__all__ = ["ARTICLES", "NAME_LEADERS", "GENITIVE", "LOCATIVE", "DIRECTIONAL", "STOP_WORDS",
           "BOUNDARY_PUNCT", "CLAUSE_ENDS", "NEGATIONS", "RULED_OUT", "PLANNING_VERBS", "PLANNED_MARKS",
           "REFLEXIVE", "COORDINATORS", "COUNTERPART", "AREA_NOUNS", "GROUP_NOUNS", "PERSON_TITLES", "PAIR_NOUNS", "STATE_INSTITUTIONS", "POSSESSIVES", "ORGANISATION_NOUNS", "PLACE_NOUNS", "MINISTRY_NOUNS", "SECRETARY_NOUNS", "PLACE_NAME_HEADS", "COUNTED", "PEOPLE_NOUNS", "DATIVE_PERSON_VERBS"]

# « le », « la », « les »...: determiners a role phrase or a name may open with.
ARTICLES = frozenset({"le", "la", "les", "l'", "un", "une", "des"})
# Genitive prepositions, contracted or not (« de », « du », « des », « d' »).
GENITIVE = frozenset({"de", "du", "des", "d'", "d"})
# Where something is or happens: « à Moscou », « en Ukraine », « au Qatar », « dans la région ».
LOCATIVE = frozenset({"à", "au", "aux", "en", "dans"})
# Locative and directional: « vers Kiev », « depuis Moscou ».
DIRECTIONAL = LOCATIVE | {"vers", "depuis"}
# Words NER may glue to the front of a name (« l'Europe », « du Kremlin »).
NAME_LEADERS = frozenset({"le", "la", "les", "l'", "l", "du", "des", "de", "d'", "d", "au", "aux", "à", "en"})
# Words that end an enumeration of parties.
STOP_WORDS = frozenset({"qui", "que", "qu'", "dont", "où", "ce", "pour", "afin", "selon", "sur",
                        "concernant", "autour", "après", "avant", "depuis", "lors", "malgré",
                        "mais", "car", "si", "tandis", "alors", "puis", "dans", "sans", "par"})
BOUNDARY_PUNCT = frozenset({".", ";", ":", "!", "?", "(", ")", "«", "»", '"', "—", "–"})
# Words that end the clause of a delegation's membership.
CLAUSE_ENDS = frozenset({"tandis", "alors", "mais", "car", "qui", "que", "qu'", "où", "selon", "lorsque",
                         "puisque", "cependant", "toutefois", "pendant"})
NEGATIONS = frozenset({"ne", "n'", "pas", "jamais", "aucun", "aucune", "nullement", "ni"})
# An event under these words did not, or will not, happen.
RULED_OUT = frozenset({"exclu", "exclue", "exclut", "exclure", "démenti", "dément", "nie", "nié",
                       "refuse", "refusé", "impossible", "sans", "annulé", "annulée", "reporté"})
PLANNING_VERBS = frozenset({"devoir", "aller", "prévoir", "pouvoir", "envisager", "vouloir",
                            "espérer", "souhaiter", "programmer", "préparer", "compter", "proposer"})
PLANNED_MARKS = frozenset({"prêt", "prête", "prêts", "prêtes", "disposé", "disposée", "prochain", "prochaine",
                           "prochains", "prochaines", "prévu", "prévue", "prévus", "prévues", "futur", "future",
                           "futures", "futurs", "potentiel", "potentielle", "éventuel", "éventuelle", "annoncé",
                           "annoncée", "possible"})
REFLEXIVE = frozenset({"se", "s'", "nous", "vous"})
COORDINATORS = frozenset({"et", "ou"})
COUNTERPART = frozenset({"homologue", "homologues"})
# Nouns between a place and the place that contains it (« dans la région de Miami »).
AREA_NOUNS = frozenset({"région", "province", "état", "oblast", "ville", "banlieue", "comté", "pays", "territoire",
                        "nord", "sud", "est", "ouest", "centre", "nord-est", "nord-ouest", "sud-est", "sud-ouest",
                        "cœur", "périphérie", "gouvernorat", "district", "département", "pointe", "extrémité",
                        "rive", "rives", "côte", "littoral", "environs", "frontière", "partie"})
# Possessive determiners: « sa sœur », « son conseiller », « leur négociateur ».
POSSESSIVES = frozenset({"son", "sa", "ses", "leur", "leurs"})
# Nouns a named organisation may follow: « chef du parti Narc », « président du groupe Vert ».
ORGANISATION_NOUNS = frozenset({"parti", "groupe", "mouvement", "formation", "organisation", "agence", "fonds",
                                "fondation", "coalition", "alliance", "syndicat", "bloc", "front", "banque",
                                "société", "entreprise", "compagnie", "groupement", "conseil"})
# Nouns that say what kind of place a name is: « Mombasa, ville portuaire kényane ».
PLACE_NOUNS = frozenset({"ville", "station", "port", "localité", "village", "cité", "commune", "bourgade",
                         "agglomération", "île", "enclave", "métropole", "oasis", "région",
                         "province", "bastion", "place", "site", "base", "quartier", "banlieue", "faubourg"})
# Common nouns that open a place's name in lower case: « la mer Rouge », « la place des Otages ».
PLACE_NAME_HEADS = frozenset({"mer", "océan", "golfe", "détroit", "lac", "mont", "monts", "fleuve", "canal", "place",
                          "rue", "avenue", "boulevard", "île", "îles", "désert", "péninsule", "prison", "palais",
                          "pont", "aéroport", "corridor", "col", "vallée", "plaine", "plateau", "cap"})
# Nouns whose genitive is a portfolio, not an actor: « ministre des Finances », « ministère de l'Intérieur »;
# and nouns whose « à » complement is one: « secrétaire à l'Armée », « secrétaire d'État au Trésor ».
MINISTRY_NOUNS = frozenset({"ministre", "ministres", "ministère", "ministères", "portefeuille", "vice-ministre",
                            "collègue", "collègues"})
SECRETARY_NOUNS = frozenset({"secrétaire", "secrétaires", "état", "etat", "ministre", "ministres"})
# Nouns for a state's institutions: their nationality adjective names the state a role is
# of (« le porte-parole de la présidence kényane », « du ministère kényan des Affaires étrangères »).
STATE_INSTITUTIONS = frozenset({"présidence", "gouvernement", "diplomatie", "ministère", "administration",
                                "exécutif", "état", "cabinet", "chancellerie", "conseil"})
# Verbs whose « à » complement is a person: « a parlé à Kagame » names no place.
DATIVE_PERSON_VERBS = frozenset({"parler", "téléphoner", "écrire", "répondre", "dire", "demander", "confier",
                                 "promettre", "expliquer", "succéder", "reprocher", "assurer"})
# « les deux hommes », « les trois dirigeants »: a number of people the sentence before named.
COUNTED = {"deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6}
PEOPLE_NOUNS = frozenset({"hommes", "femmes", "dirigeants", "dirigeantes", "présidents", "présidentes", "ministres",
                          "responsables", "émissaires", "négociateurs", "négociatrices", "diplomates", "chefs",
                          "leaders", "envoyés", "personnalités", "responsables"})
# Group nouns whose nationality adjective names a party (« des responsables russes »).
GROUP_NOUNS = frozenset({
    "délégation", "délégations", "responsable", "responsables", "autorité", "autorités",
    "représentant", "représentants", "négociateur", "négociateurs", "diplomate", "diplomates",
    "officiel", "officiels", "émissaire", "émissaires", "dirigeant", "dirigeants", "gouvernement",
    "administration", "homologue", "homologues", "partie", "parties", "équipe", "équipes",
    "camp", "forces", "force", "troupes", "armée", "président", "pouvoir",
})
# Honorifics that say the bearer is a person (« M. Ferreira » is no place).
PERSON_TITLES = frozenset({"m.", "mm.", "m", "mm", "mme", "mmes", "mlle", "mlles", "dr", "pr", "me", "mgr",
                           "sir", "lord", "lady", "dame", "cheikh", "cheikha", "sheikh"})
# Nouns before a hyphenated pair of actors: « le sommet Okafor-Berg », « l'axe Nairobi-Kampala ».
PAIR_NOUNS = frozenset({"sommet", "sommets", "axe", "tête-à-tête", "face-à-face", "duo", "tandem", "couple",
                        "rencontre", "rencontres", "entretien", "entretiens", "format", "dialogue", "échange",
                        "échanges", "relation", "relations", "négociations", "pourparlers", "accord", "rivalité",
                        "conversation", "appel", "contacts", "réunion", "trêve", "guerre", "conflit", "match",
                        "alliance", "binôme", "entrevue", "discussions", "talks"})
