"""Names and places found by the words around them, where a statistical NER model trained on English news
misses them: European names after a label ("holder=", "Full name:"), with a title ("Dr. Oderwald", "Frau
Sölzer"), in e-mail signatures and chat lines; towns after a postcode, a field label ("city=", "Town/City:"), a
phrase ("based in", "moved to", "near"), before "office", or in a CSV column named for them. Unknown place names
(villages no gazetteer lists, invented-sounding ones) are caught by their context alone; a weaker cue ("in",
"from", ", X.") needs the gazetteer (:mod:`llmdata.transforms.pii_places`) to agree. Without any cue, two or
more capitalised words that open with a common given name (:mod:`llmdata.transforms.pii_given_names`) are a
person, unless they read as technical text.

Candidates are runs of capitalised words, name particles (van, de, del, von der, ...) and titles on one line, so
a hit covers the whole name: "Francisca del Porras", not "Francisca". A run that overlaps the NER model's own
PERSON or place span is taken whole too. What these rules cost on text without personal data is measured on
Debian's python3.11-doc pages by ``bench/pii_eval.py --clean-docs`` (README, "PII").
"""

from __future__ import annotations

import bisect
import functools
import html
import itertools

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from llmdata.transforms.pii import EMAIL_PATTERN
from llmdata.transforms.pii_everyday import is_everyday
from llmdata.transforms.pii_given_names import is_given_name, may_be_given_name
from llmdata.transforms.pii_latex import latex_view
from llmdata.transforms.pii_names import (
    ORGANISATION_WORDS,
    date_words,
    everyday_phrase,
    heading_words,
    is_language,
    job_title,
    not_personal,
    plausible,
    street,
)
from llmdata.transforms.pii_places import is_place
from llmdata.transforms.pii_spoken import spoken_values
from llmdata.transforms.pii_words import (
    CASELESS,
    CASELESS_INNER,
    CASELESS_LETTER,
    CASELESS_PLACE,
    CASELESS_WORD,
    FLOOR,
    NAME_HEADERS,
    PHONE_HEADERS,
    PLACE_HEADERS,
    PLACE_PREFIXES,
    ROLE_NOUN,
    SETTLEMENT_BEFORE,
    STREET_TYPE,
    TITLES,
    header_word,
)

SCORE = 0.6
# A value named by a field label or its structure outranks the engine's own model's guess of another type (0.7):
# "surname: Ntsekhe" is a person though the model reads a place.
FIELD_BONUS = 0.15
NAME = "LlmdataContextRecognizer"

# Irish writes a mutated name's first letter after a lower-case one ("na hAbhann", "Mac an tSaoir", "i nGaillimh"),
# and Nguni languages a place's locative or class prefix in lower case ("eThekwini", "iKapa", "uMgungundlovu").
_LOWER_PREFIX = r"(?:bh|dt|ts|ng|kwa|ku|ka|em|ezi|[htnmbgdeiuo])(?=\p{Lu}\p{Ll})"
# Transliterations write an ayin or a hamza as ‘ or ʻ, at a word's start or end too ("‘En Yahav", "Mazāri‘"), and
# combining marks under or over a letter ("H̱agor", "Z̄avāt"). A married Mosotho woman's name opens with an
# apostrophe: 'Ma and her first child's name ("'Malineo Sekatle").
_WORD = ("(?:" r"(?:(?:[dDlL]|[dDsnNsS][ae]ll|dall)['’]|[‘ʻ]|['’](?=Ma\p{Ll}{3})|" + _LOWER_PREFIX
         + r")?\p{Lu}\p{M}*[\p{L}\p{M}'’‘ʻ]*\p{Ll}(?:[\p{L}\p{M}'’‘ʻ]*[\p{L}\p{M}])?[‘ʻ]?"
         r"(?:-(?:\p{Lu}\.|\p{L}[\p{L}\p{M}'’‘ʻ]*))*" + "|" + CASELESS_WORD + ")")
_PARTICLE = (r"(?:von|van|der|den|de|del|della|delle|degli|di|da|du|des|dos|das|do|la|le|af|zu|zum|zur|y|ter|ten|"
             r"am|an|im|sur|sul|sous|lès|les|en|op|aan|bij|i|al|dei|of|upon|on|bei|ob|e|et|nad|pod|u|na|pri|při|"
             r"ve|v|vun|Ó|Ní|Nic|Uí|Mac|Mc|dela|delos|los|las|el|ed|es|ash|ad|az|ibn|bin|binti|bint|ben|ould)")
_SUFFIX = (r"(?:MD|PhD|DDS|DVM|Jr\.?|Sr\.?|II|III|IV|MBA\.?|B\.\s?Sc\.|M\.\s?Sc\.|B\.\s?Eng\.|M\.\s?Eng\.|B\.A\.|"
           r"M\.A\.|Ph\.\s?D\.|Th\.\s?D\.|CSc\.|DrSc\.|DiS\.|MBA|LL\.M\.|Dipl\.-Ing\.|Mag\.|"
           # a Turkic patronymic in place of a family name: "Азамат Бакыт уулу", "Aygul Ulan kyzy"
           r"уулу|кызы|улы|қызы|оглы|uulu|kyzy|uly|qyzy|ogly|oglu|oğlu|qizi|o['’]g['’]li)")
# A Latin particle never joins words of a caseless script ("詹雅玲 of 臺中" is a person and a place). A name's
# words are one space apart; two or more spaces or a tab split the cells of a fixed-width table or a
# form ("Pickup   Valblanca", "Claimant<tab>Zora Harapin").
_GAP = r" (?![ \t])"  # and never a tab
RUN = regex.compile(rf"(?:(?P<title>\b{TITLES}\.?)[ \t]+(?:{TITLES}\.?[ \t]+)?)?(?<![\p{{L}}\d])"
                    rf"(?P<words>(?:{_PARTICLE}{_GAP})?{_WORD}(?:{_GAP}(?:(?:{_PARTICLE}|\p{{Lu}}\.){_GAP}(?!{CASELESS_LETTER})){{0,3}}"
                    rf"{_WORD}){{0,4}})(?:,?[ \t]+{_SUFFIX}(?!\w)){{0,2}}")
# Capitalised words that open a run but are not part of the name or place after them.
LEADING = {"hi", "hello", "hallo", "hey", "dear", "bonjour", "hola", "ciao", "hej", "cher", "chère", "liebe",
           "lieber", "estimado", "estimada", "caro", "cara", "beste", "on", "from", "to", "by", "contact", "thanks",
           "attendees", "cc", "the", "our", "in", "at", "near", "and", "with", "for", "late", "action", "ask",
           "mit", "von", "bei", "für", "pour", "avec", "para", "con", "per", "voor", "met"}
# Capitalised words that are never a name or a place on their own.
NOT_NAMES = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
             "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
             "tel", "fax", "re", "fwd", "subject", "note", "tracking", "paid", "room", "order", "invoice",
             "ticket", "build", "version", "commit", "package", "see", "please", "refunds", "e-mail", "email",
             "world", "everyone", "everybody", "all", "team", "folks", "there", "guys", "he", "she", "they", "we",
             "you", "it", "someone", "somebody", "nobody", "i", "this", "that", "these", "those", "each", "every",
             "such", "which", "what",
             # the names of a table's columns and of types: "Object Name<tab>Description", "name = Column(...)"
             "description", "type", "value", "default", "notes", "comment", "comments", "details", "status",
             "column", "field", "parameter", "parameters", "returns", "example", "optional", "required", "string",
             "integer", "boolean",
             # a form's next label on the same line: "Signature of the applicant      Date"
             "date", "signature", "signed", "sir", "madam"}

# Just before a name: a greeting, or a field label ("holder=", "Full name:", "From:").
_GREETING = (r"(?:dear|hi|hello|hallo|hey|bonjour|hola|ciao|hej|cher|chère|liebe|lieber|estimado|estimada|caro|cara|"
             r"beste)")
# Labels that ask for given names only: any word after one is a name ("Given names: BLESSINGS").
_GIVEN_NAME_LABEL = r"(?:(?:given|first|fore)[ _]?names?|forenames?|prénoms?|prenoms?|vornamen?)"
_NAME_LABEL = (rf"(?:from|to|cc|bcc|name|full[ _]?name|last[ _]?name|family[ _]?name|surname|holder|account[ _]holder|"
               # IRC's /whois: the user's real name
               r"ircname|real[ _]?name|"
               # a photo's metadata (EXIF, IPTC, XMP as exiftool lists it)
               r"artist|photographer|"
               rf"{_GIVEN_NAME_LABEL}|apellidos?|"
               r"(?:signed-off|reported|tested|reviewed|acked|suggested|co-authored|co-developed|requested)-by|"
               r"owner|contact|customer|client|employee|manager|assignee|reporter|requester|applicant|patient|"
               r"signed|author|attendees?|participants?|present|recipient|beneficiary|user[ _]?name|nom|vorname|"
               r"nachname|nombre|nome|naam|imię|nazwisko|navn|namn|cn|organi[sz]er|attendee|witness|visitor|guest|"
               r"host|signatory|signature|signed by|claimant|payee|payer|approver|approved by|consignee|addressee|"
               r"sender|"
               r"shipper|courier|driver|caller|borrower|lender|guarantor|policy[ _]?holder|insured|debtor|"
               r"creditor|next of kin|emergency contact|landlord|tenant|prepared by|requested by|cashier|clerk|"
               r"teller|served by|your server|salesperson|sales associate|attendant|attending|"
               r"attending physician|admitting|referring physician)")
# A label's separator: "Name:", "name=", "Holder name => ", "owner -> ".
# Dot leaders in forms printed for people: "Delivery town ..... Griffin".
# A tab: a two-column key and value layout; a bar: a wiki table's row ("|Site|Ain Hellal|").
# A line's only bar after its label: psql's expanded display and key | value dumps ("city           | Tecpán").
_SEPARATOR = r"(?:[:=]>?|->|→|\.{3,}|…|\t| {2,}|(?<=\|[^|\n]{1,40})\||(?<=^[^|\n]{1,40})\|(?=[ \t][^|\n]*$))"
# The name of a thing is not a person's: "Employer's name  Northwind Traders", "Company name: Contoso".
_THING = (r"(?:employer|company|business|organi[sz]ation|firm|trading|brand|product|file|project|package|domain|"
          r"host|street|road|vessel|ship|bank|school|shop|store|hotel|venue|team|group|event|app|device|server|"
          r"computer|site|branch|department|dept|legal|registered|trade|display|screen|field|column|table|class|model|"
          r"method|function|variable|module|queue|topic|bucket|database|schema|tag|label)")
NAME_CUE = regex.compile(rf"(?i)(?:\b{_GREETING}[ \t]+|(?:(?<!\b{_THING}['’]?s?[ \t_-]*)\bname|"
                         rf"\b(?!name\b){_NAME_LABEL})[\"']?[ \t]*{_SEPARATOR}[ \t]*[\"']?)$")
# "by", "with", "for", "ask", "call" before two or more name-shaped words.
# What a notice calls a person's last home: "late of", "formerly of".
_FORMERLY = r"(?:late|formerly)"
# Kin, as a notice names them: "Beloved sibling of", "widow of", "son of".
_KIN = (r"(?:son|daughter|mother|father|brother|sister|sibling|wife|husband|widow|widower|partner|spouse|"
        r"grand(?:son|daughter|mother|father)|aunt|uncle|niece|nephew|cousin|fiancée?)")
WEAK_NAME_CUE = regex.compile(r"(?i)\b(?:by|with|for|ask|asked|call|called|contact|and|thanks|thank you|"
                              r"(?:escalated|assigned|forwarded|spoke|spoken|talked|reported|sent|handed|passed|"
                              r"wrote|introduced|married|belongs|goes|registered|issued|addressed|thanks|thank you) to|"
                              r"colleague|neighbou?r|manager|boss|friend|customer|client|patient|tenant|employee|"
                              r"prescriber|doctor|physician|nurse|pharmacist|dentist|landlord|passenger|reader|"
                              rf"member|student|{_KIN}(?:[ \t]+of)?|also known as|a\.k\.a\.?|aka|alias|née|"
                              r"it['’]s|it is|my name is|this is)[ \t]+$")  # a caller naming themself
# A line that opens a list of names: "Attendees: A, B, C", "Cc: ...".
NAME_LIST = regex.compile(r"(?i)^[ \t]*(?:attendees?|participants?|present|cc|bcc|to|recipients?|signed)[ \t]*:")
# A chat or transcript line: "[09:41] Name:", "09:41 Name:", "Name:".
SPEAKER = regex.compile(r"^[ \t>]*(?:\[[\d:. -]+\][ \t]*|\d{1,2}:\d{2}(?::\d{2})?[ \t]+)?$")
SIGN_OFF = regex.compile(r"(?i)^[ \t>]*(?:(?:best|kind|warm|many)[ \t]+)?(?:regards|wishes|thanks|thank you|cheers|"
                         r"sincerely|yours|cordialement|grüße|gruß|saludos|saluti|groeten|pozdrawiam|hälsningar|"
                         r"hilsen|cumprimentos)[\W]*$|^[ \t>]*-- ?$")  # and a mail's signature separator
# A street line: a house number and a word, either way round ("59714 Ellis Oval", "Hauptstr. 5").
STREET = regex.compile(r"^[ \t]*(?:\d+[\p{L}]?[ ,]+\p{L}|\p{L}[\p{L}.' -]+[ ,]\d+[\p{L}]?\b)")

_PLACE_LABEL = (r"(?:city|town|town/city|city/town|location|place|locality|village|home[ _]?town|residence|"
                r"borough|district|county|province|municipality|suburb|neighbou?rhood|pick-?up|drop-?off|"
                r"destination|origin|"
                r"ort|stadt|wohnort|ville|"
                r"commune|ciudad|localidad|città|comune|località|plaats|woonplaats|miasto|miejscowość|cidade|"
                r"localidade|stad|ort|geo|place[ ]of[ ]birth|birth[ ]?place|lieu[ ]de[ ]naissance|"
                r"lugar[ ]de[ ]nacimiento|local[ ]de[ ]nascimento|geburtsort)")
PLACE_LABEL = regex.compile(rf"(?i)(?:(?:\b|(?<=_)){_PLACE_LABEL}|(?<=\|)site)[\"']?[ \t]*{_SEPARATOR}[ \t]*[\"']?$")
# A form line whose label is set off by one space only: "Work location Mullach na hAbhann".
LINE_LABEL = regex.compile(rf"(?i)^[ \t]*(?:\p{{L}}+[ \t]+)?{_PLACE_LABEL}[ \t]+$")
# Phrases that put a place after them, whatever its name.
PLACE_CUE = regex.compile(r"(?i)\b(?:based in|located in|moved to|moving to|relocated to|relocating to|lives in|"
                          r"living in|resident in|resides in|born in|near|remote from|office in|offices in|"
                          r"branch in|visit to|travel to|travelling to|traveling to|flight to|shipped to|"
                          r"delivered to|headquartered in|wohnhaft in|domicilié à|residente en|residente a|home in|"
                          r"works in|working in|move to the|moved to the|residing in|residing at|just outside|"
                          r"outside of|signed at|grew up in|live in|lived in|raised in|originally from|hails? from|"
                          r"signed in|done at|fait à|coming from|comes from|came from|arriving from|reviewed in|"
                          r"driving from|driving to|en route from|en route to|drove from|drove to|heading to|"
                          r"heading for|on the way to|ringing from|calling from|phoning from|writing from|"
                          r"(?:lift|ride|drive|trip|journey|flight|walk|commute)(?:[ \t]+(?:back|home))?"
                          r"[ \t]+(?:from|to)|"  # "the lift back from Mavis Bank", "a ride home to Ohau"
                          rf"texting from|{_FORMERLY}[ \t]+of|"
                          r"travell?ing from|streets? of|outskirts of|suburbs? of|police in|residents of|"
                          r"(?:client|customer|caller|guest|visitor|patient|family) from|"
                          r"(?:bus |train |railway |police |petrol )?station in|airport in|hospital in|"
                          r"market in)[ \t]+$")
# Words after a place: "the Marlley office".
_PLACE_AFTER = (r"(?:office|offices|branch|site|plant|warehouse|depot|store|campus|HQ|headquarters|factory|hub|"
                r"clinic|hospital|area|region|district|(?:bus|railway|train|coach|metro|ferry)[ \t]+station|market|"
                r"(?:bus|tram|taxi)[ \t]+(?:stop|rank|terminal)|"
                r"station|airport|address)")
PLACE_AFTER = regex.compile(rf"^[ \t]+{_PLACE_AFTER}\b")
# Kinds of address that are a device's or a mailbox's, not a place's: "the Bluetooth address", "the MAC address".
ADDRESS_KIND = regex.compile(r"(?i)^(?:bluetooth|mac|ip|ipv[46]|ethernet|e-?mail|mail|web|wallet|memory|network|"
                             r"hardware|broadcast|multicast|loopback|socket|server|host|bitcoin|ethereum|return|"
                             r"physical|virtual|base|start|end|target|source|destination|remote|local)$")
# Lower-case words that finish a place name where a good cue says a place ends: "Borgo lungo office",
# "Centre, Puebla de blanca" at the end of the line, "near Ter wijk, was that you?".
# Words of a sentence, not of a place: "moved to Berlin and ...".
_FUNCTION_WORD = (r"(?:and|or|but|nor|the|a|an|to|in|on|at|of|for|with|from|by|is|was|are|were|be|has|had|have|"
                  r"who|which|that|then|now|as|since|until|und|oder|et|ou|y|o|e|i|en|og|och|ja|и|или|в|на)")
# When, right after a place: "moved to Mji juu last week", "is in Cerro cancha since Monday".
_WHEN = (r"(?:(?:last|next|this|that|every)[ \t]+(?:week|month|year|night|morning|evening|weekend|summer|winter|"
         r"spring|autumn|time)|yesterday|today|tonight|tomorrow|recently|(?:a|two|three|\d+)[ \t]+\w+[ \t]+ago)\b")
PLACE_TAIL = regex.compile(rf"(?:[ \t]+(?!(?:{_PLACE_AFTER}|{_FUNCTION_WORD})\b)\p{{Ll}}[\p{{L}}'’-]*){{1,2}}"
                           rf"(?=[ \t]+{_PLACE_AFTER}\b|[ \t]*(?:,|;|\)|\||$)|[ \t]+(?:on|since|until)[ \t]+\d"
                           rf"|[ \t]+{_WHEN}"
                           rf"|[ ]{{2,}}\S)"
                           # "live in Alcalá de seco." / "... and": a particle and one word, at a sentence's end
                           rf"|[ \t]+{_PARTICLE}[ \t]+\p{{Ll}}[\p{{L}}'’-]*(?=\.(?:\s|$)|[ \t]+(?:and|or)\b)",
                           regex.M)
# A street address before the town: "7 Station Road, Sayville", "Hauptstraße 5, Grünau", "ul. Polna 3, Kęty".
ADDRESS_BEFORE = regex.compile(rf"(?i)(?:\b\d+[\p{{L}}]?[ \t]+(?:[\p{{L}}'’.-]+[ \t]+){{0,3}}{STREET_TYPE}\.?"
                               rf"|\b{STREET_TYPE}\.?[ \t]+(?:[\p{{L}}'’.-]+[ \t]+){{0,3}}\d+[\p{{L}}]?"
                               rf"|\b[\p{{L}}'’-]+{STREET_TYPE}\.?[ \t]+\d+[\p{{L}}]?),[ \t]*$")
# Weak cues: a place only if the gazetteer knows the name.
WEAK_PLACE_CUE = regex.compile(r"(?i)(?:\b(?:in|at|from|to|of|near|around|outside|via|nach|aus|à|de|en|a|da|"
                               r"di|uit|naar|w|z|do|i|fra|till|från)[ \t]+|,[ \t]*)$")
# A postcode just before a place at the end of its line: "78640 Thomastown", "SW1A 1AA London", "1234 AB Delft".
# Postcodes of Europe and North America: 12-345 (PL), 123 45 (CZ, SK, SE, GR), 1234-567 (PT), 1234 AB (NL),
# SW1A 1AA (GB), A65 F4E2 (IE Eircode), K1A 0B1 (CA), 12345 / 1234 elsewhere, with an optional country prefix.
_POSTCODE = (r"(?:[A-Z]{1,2}-)?(?:\d{2}-\d{3}|\d{3}[ ]\d{2}|\d{4}-\d{3}|\d{4,5}|\d{4}[ ]?[A-Z]{2}|"
             r"[A-Z]{1,2}\d[A-Z\d]?[ ]\d[A-Z]{2}|[AC-FHKNPRTV-Y]\d{2}[ ]?[0-9AC-FHKNPRTV-Y]{4}|"
             r"D6W[ ]?[0-9AC-FHKNPRTV-Y]{4}|"
             r"[A-Z]\d[A-Z][ ]\d[A-Z]\d)")
POSTCODE_BEFORE = regex.compile(rf"(?:^|,[ \t]*){_POSTCODE}[ \t]+$")
# After a name: the line that quotes a message ("On 03/11/2026 Anna Schmidt wrote:").
# After a person in a notice: "Mary Byrne, late of Boyle, died", "Jan Kowalski, aged 84".
PERSON_AFTER = regex.compile(rf"^,?[ \t]+(?:{_FORMERLY}[ \t]+of|aged \d|née|né)\b")
# A weaker cue after a name: another name follows ("Rosmah binti Salleh (also known as Zulkifli Osman)"), not a
# term's other word ("Enum Members (aka instances)").
AKA_AFTER = regex.compile(r"^,?[ \t]+\(?(?:also known as|a\.k\.a\.|aka|alias)[ \t]+\p{Lu}")
# A cue that ends in "of", which a run of name words would otherwise open with as a particle.
OF_CUE = regex.compile(rf"(?i)\b(?:{_FORMERLY}|{_KIN}|streets?|outskirts|suburbs?)[ \t]+$")
# RFC 822's comment form of an address: "jdoe@example.org (Jane Doe)".
EMAIL_COMMENT = regex.compile(EMAIL_PATTERN + r"[ \t]*\($")
# A mailbox's display name (RFC 5322): "Cesária Fortes <valentina@clix.pt>".
# Quoted, and for a SIP or tel URI too: '"Ruby Batista" <tel:+18062883570>', '"Ana" <sip:+505…@pbx…>'.
MAILBOX_AFTER = regex.compile(r"^[\"”]?[ \t]*<(?:(?:mailto|sips?|tel):)?(?:" + EMAIL_PATTERN
                              + r"|\+?\d[\d ().-]{5,20})(?:;[^>\n]*)?>")
# A quoted message's attribution line ("Ana Copa wrote:"), not prose ("Whether writes are passed", "Argument Clinic
# writes out fresh output").
WROTE = regex.compile(r"^[ \t]+(?:wrote|writes|schrieb|a écrit|escribió|ha scritto|schreef|napisał|skrev|escreveu)"
                      r"[ \t]*(?::|$)")
# "Contoso Returns Centre, Thornbury": an organisation, then where it is.
ORG_BEFORE = regex.compile(r"([\p{L}&.' -]+),[ \t]*$")
DETERMINER = regex.compile(r"(?i)(?:\b(?:the|our|their|your|its)|,|\()[ \t]*$")  # "Ana Copa (Pigg's ba office)"
LOWER_NEXT = regex.compile(r"[ \t]+\p{Ll}")
TITLE_BEFORE = regex.compile(rf"\b{TITLES}(?:\.[ \t]*|\.?-|[ \t]+)$")  # "Prof. ", "Dipl.-", "Univ."
# A degree written with dots after a name: "Štefan Matějka Th.D." (the run stops at "Th").
DOTTED_DEGREE = regex.compile(r"\.(?:[ \t]?\p{Lu}\p{Ll}{0,2}\.)+")
SENTENCE_TAIL = regex.compile(r"(?:[ \t]+\p{Ll}[\p{L}'’-]*){1,2}(?=[ \t]*(?:\.(?:\s|$)|$))", regex.M)
AFTER_PERSON = regex.compile(r",[ \t]*(?:in[ \t]+)?")  # "the sample customer is Ana Copa, in Kellé."
OF_PLACE = regex.compile(r",[ \t]*(?:of|from)[ \t]+")  # "Mateo Marín, of La Victoria, who can be reached"
# Where a place after a person ends: a sentence's or a line's end, or a form's next cell.
PLACE_END = regex.compile(r"[ \t]*(?:\.(?:\s|$)|$)|[ ]{2,}(?=\S)", regex.M)
LINE_END = regex.compile(r"^[ \t]*(?:$|,|\(|\))")
NEXT_CELL = regex.compile(r"[ \t\"']*\|[ \t]*[^|\s]")

PSQL_RULE = regex.compile(r"-{2,}(?:\+-{2,})+")
MARKDOWN_RULE = regex.compile(r"\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*:?-*:?[ \t]*\|?")
# A header cell: a column name, not code ("full_name", "Town/City", "E-mail address").
HEADER_CELL = regex.compile(r"[\p{L}][\p{L}\d _./-]{0,39}")
_PERSON_COLUMN = regex.compile(r"(?i)^(?:full[ _]?name|name|first[ _]?name|last[ _]?name|surname|contact|customer|"
                               r"client|holder|account[ _]holder|employee|owner|nom|nombre|nome|naam|navn|namn|"
                               r"person|contact[ _]person|visitor|guest|host|witness|attendee|participant|"
                               r"requester|reporter|assignee|author|signatory|passenger|traveller|traveler|member|"
                               r"patient|student|tenant|engineer|agent|technician|driver|courier|nurse|doctor|"
                               r"officer|representative|rep|consultant|volunteer|speaker|instructor|trainer|staff|"
                               r"on[ _-]?call|worker|employee[ _]name|staff[ _]member|"
                               # other languages' exports: "Apellidos y nombre", "Nom et prénom", "الاسم", "نوم"
                               rf"{NAME_HEADERS})$")
# Contact exports qualify the address column: Outlook's "Business City", "Home City", Google's "Address 1 - City".
_ADDRESS_KIND = (r"(?:(?:home|business|work|other|billing|shipping|mailing|delivery|postal|primary|customer|"
                 r"office)[ _]|address[ _]?\d?[ _]*-?[ _]*)")
_PLACE_COLUMN = regex.compile(rf"(?i)^{_ADDRESS_KIND}?(?:{_PLACE_LABEL}|from|coming[ _]from|origin|home[ _]?town|"
                              rf"residence|site|branch|office|base|based[ _]in|depot|hometown|{PLACE_HEADERS})$")
_CARD_COLUMN = regex.compile(r"(?i)^(?:card|card[ _-]?(?:number|no\.?|nr)|credit[ _-]?card|cc[ _-]?number|pan|"
                             r"card[ _]on[ _]file|carte(?:[ _]bancaire)?|tarjeta(?:[ _]de[ _]crédito)?|"
                             r"cartão(?:[ _]de[ _]crédito)?|carta[ _]di[ _]credito|kreditkarte)$")
_PHONE_COLUMN = regex.compile(r"(?i)^(?:(?:home|work|mobile|cell|contact)?[ _]?(?:phone|tel|telephone)"
                              r"(?:[ _-]?(?:number|no\.?|nr))?|mobile|cell|telefon|téléphone|teléfono|telefono|"
                              rf"telefoon|puhelin|{PHONE_HEADERS})$")
# A printed form's longer labels, which name their field among other words.
FORM_LABELS = (("PERSON", regex.compile(r"(?i)\b(?:surname|(?:given|full|first|last|family)[ ]names?)\b")),
               ("LOCATION", regex.compile(r"(?i)\b(?:place[ ]of[ ]birth|birth[ ]?place|city|town|village)\b")))
COLUMNS = (("PERSON", _PERSON_COLUMN), ("LOCATION", _PLACE_COLUMN), ("CREDIT_CARD", _CARD_COLUMN),
           ("PHONE_NUMBER", _PHONE_COLUMN))


WEAK, GOOD, EXPLICIT = 0, 1, 2
# Values of a field that are not a name whatever the label says ("name=None").
EMPTY_VALUES = {"none", "null", "nil", "true", "false", "nan", "n/a", "unknown", "anonymous", "test"}


_NEXT_WORD = regex.compile(r"\S+\s+")
_WORD_RE = regex.compile(_WORD)
# Runs made only of these are skipped.
_NEVER_A_NAME = NOT_NAMES | EMPTY_VALUES


TITLE = regex.compile(rf"{TITLES}\.?")


def _leading(tokens: list[str]) -> bool:
    """Whether the run's first word is context before a name rather than part of it: a greeting, a preposition,
    a weekday or a month ("Per Lundin" keeps "Per": a given name before another name-shaped word)."""
    first = tokens[0].casefold().rstrip(".,")
    if first in NOT_NAMES:  # "On Tuesday Jarmila Kučerová", but "August Olofsson"
        return len(tokens) == 1 or not is_given_name(first)
    return first in LEADING and not (len(tokens) > 1 and is_given_name(first) and tokens[1].casefold() not in LEADING)


def _skip_word(text: str, start: int) -> int:
    """The start of the next word after the one at ``start``."""
    match = _NEXT_WORD.match(text, start)
    return match.end() if match else start


def _piped(line: str) -> bool:
    """Whether ``line`` is a row of a table whose columns are split by " | " (psql output, a hand-written log)."""
    return line.count(" | ") >= 1 and line.count(" | ") >= max(line.count(d) for d in ",;\t")


ALIGNED_GAP = regex.compile(r"(?<=\S) {2,}(?=\S)")
ALIGNED_CELL = regex.compile(r"\S+(?: \S+)*")


def _aligned(line: str) -> bool:
    """Whether ``line`` is a row of a fixed-width table: cells two or more spaces apart, no other delimiter; or a
    pair of a form's labels or values printed side by side, three or more spaces apart ("Telephone      E-mail")."""
    if any(d in line for d in ",;\t|"):
        return False
    gaps = ALIGNED_GAP.findall(line.strip())
    return len(gaps) >= 2 or (len(gaps) == 1 and len(gaps[0]) >= 3)


def _fixed_cells(line: str, starts: list[int]) -> list[tuple[int, int]]:
    """A fixed-width row cut where its header's columns start ("REC CUST-ID    NAME": "D   6835830782 TOMÁS ..."
    puts the name under NAME although one space parts it from the id). A value running over a column's start by a
    few letters ("VILA EDUARDO MONDLANE" into PHONE), or a right-aligned one starting before it, moves the cut to the
    nearer end of that word."""
    bounds = [0]
    for start in starts[1:]:
        cut = start
        if 0 < cut < len(line) and not line[cut - 1].isspace() and not line[cut].isspace():
            left = cut
            while left > bounds[-1] and not line[left - 1].isspace():
                left -= 1
            right = cut
            while right < len(line) and not line[right].isspace():
                right += 1
            cut = left if cut - left < right - cut else right
        bounds.append(max(min(cut, len(line)), bounds[-1]))  # a short row ends before a header's last columns
    bounds.append(len(line))
    cells = []
    for a, b in itertools.pairwise(bounds):
        while a < b and line[a].isspace():
            a += 1
        while b > a and line[b - 1].isspace():
            b -= 1
        cells.append((a, b))
    return cells


# Dot leaders between a directory's columns: "LUO, Jun Yang ........ Paya Lebar ...... x4937 6141 4058".
LEADER = regex.compile(r"[ \t]\.{3,}[ \t]")


def _leadered(line: str) -> list[tuple[int, int]]:
    """(start, end) of each cell a dot leader closes, in a directory line (:data:`LEADER`); the rest of the line
    after the last leader may hold several columns one space apart, so it is not a cell."""
    cells, start = [], 0
    for leader in LEADER.finditer(line):
        a, b = start, leader.start()
        while a < b and line[a] in " \t":
            a += 1
        cells.append((a, b))
        start = leader.end()
    return cells


def header_cell(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a whole cell of a table's header row: a row of three cells or more, two of
    them column names the engine knows ("Client<TAB>Ville<TAB>Téléphone<TAB>…<TAB>Carte"), its other cells the
    names of columns it does not know, not values."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)  # called for every NER span: no copy of the rest of the text
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    cells = _cells(line) if ("\t" in line or "|" in line or "," in line or ";" in line or "  " in line) else []
    if len(cells) < 3 or sum(any(pattern.match(line[a:b]) for _, pattern in COLUMNS) for a, b in cells) < 2:
        return False
    return (start - line_start, end - line_start) in cells


def _cells(line: str) -> list[tuple[int, int]]:
    """(start, end) of each cell of a comma, semicolon, tab or pipe (Markdown) separated line, quotes and the
    spaces around a cell stripped."""
    if _aligned(line):  # "SEAT  PASSENGER      ORIGIN"
        return [m.span() for m in ALIGNED_CELL.finditer(line)]
    framed = line.lstrip().startswith("|")  # Markdown: "| a | b |"
    piped = framed or _piped(line)
    delimiter = "|" if piped else max(",;\t", key=line.count)
    cells, start, quoted = [], 0, False
    for i, ch in enumerate(line + delimiter):
        if ch == '"' and not piped:
            quoted = not quoted
        elif ch == delimiter and not quoted:
            a, b = start, i
            while a < b and line[a] in " \t":
                a += 1
            while b > a and line[b - 1] in " \t":
                b -= 1
            if b - a >= 2 and line[a] == '"' and line[b - 1] == '"':
                a, b = a + 1, b - 1
            cells.append((a, b))
            start = i + 1
    if framed:  # "| a | b |": no cell before the first pipe or after the last
        cells = cells[1:-1] if line.rstrip().endswith("|") else cells[1:]
    return cells


POSTCODE_LINE = regex.compile(rf"(?m)^[ \t]*{_POSTCODE}[ \t]+(?P<place>['’\p{{Lu}}][^\d\n,;:]{{1,60}}?)[ \t]*$")
# "City: San Nueva", or the last part of a comma-separated value: "LOCATION:Meeting room 3\\, Millby" (iCalendar
# escapes its commas).
LABEL_LINE = regex.compile(rf"(?mi)\b{_PLACE_LABEL}[ \t]*(?::|\.{{3,}}|…)[ \t]*(?:[^\n]*,[ \t]*)?"
                           rf"(?P<place>['’\p{{Lu}}][^\d\n,;:\\]{{1,60}}?)[ \t]*$")


# An LDAP entry's locality and state (LDIF): "l: Plunge", "st: Ontario".
LDIF_PLACE = regex.compile(r"(?m)^(?:l|localityName|st|stateOrProvinceName)[ \t]*:[ \t]*"
                           r"(?P<place>['’\p{L}][^\d\n,;:]{0,60}?)[ \t]*$")
# The same attributes inside a distinguished name (RFC 4514), up to the next unescaped separator and followed by
# another attribute: "cn=Ana Copa,l=Kanye se,ou=Customers,dc=acme"; openssl prints a certificate's subject
# "C = GM, L = Bakau, O = Acme, CN = …" (and "/C=GM/L=Bakau/O=…" in its old form).
DN_PLACE = regex.compile(r"(?i)(?<=,[ ]?|/)(?:l|localityName|st|stateOrProvinceName)[ ]?=[ ]?"
                         r"(?P<place>['’\p{L}](?:\\.|[^,+;/\"\\\n=\d]){0,60}?)"
                         r"(?=(?:,[ ]?|/)(?:ou|o|dc|c|cn|st|l|street|postalCode)[ ]?=)")
# A place cell of a wiki table row, whole: "|Site|Ksibet el Mediouni|".
WIKI_PLACE = regex.compile(rf"(?mi)^\|(?:{_PLACE_LABEL}|site)\|(?P<place>[^|\n\d]{{1,60}})\|[ \t]*$")
# A journey in an expense claim or a booking: "Trip: Novo mesto to Topolšica", "Route\tLyon → Graz".
ROUTE = regex.compile(r"(?mi)\b(?:trip|route|journey|itinerary|travel|leg)[ \t]*(?:[:=\t]|\.{3,})[ \t]*"
                      r"(?P<a>\p{Lu}[^\d\n\t,;:]{0,50}?)[ \t]+(?:to|→|->|–)[ \t]+"
                      r"(?P<b>\p{Lu}[^\d\n\t,;:]{0,50}?)[ \t]*$")
# A vCard's address: post box; extended; street; locality; region; postcode; country (RFC 6350).
VCARD_ADR = regex.compile(r"(?mi)^ADR(?:;[^:\n]*)?:(?P<value>[^\n]*)$")
VCARD_PLACES = (3, 4, 6)


def vcard_places(text: str) -> list[tuple[int, int, str]]:
    """The locality, region and country of each vCard ``ADR`` line."""
    if "ADR" not in text:  # most texts hold no vCard: skip the scan
        return []
    found = []
    for match in VCARD_ADR.finditer(text):
        offset = match.start("value")
        for index, part in enumerate(regex.finditer(r"[^;]*", match["value"])):
            if index in VCARD_PLACES and any(ch.isalpha() for ch in part.group()):
                found.append((offset + part.start(), offset + part.end(), "LOCATION"))
    return found


# A logfmt field: "city=San nueva latency_ms=142" (the value runs to the next key or the line's end).
# "OFFICE_CITY=Barrett Town" in a .env file: the label may close a longer key.
KEY_VALUE = regex.compile(rf"(?mi)(?:\b|(?<=_)){_PLACE_LABEL}=(?P<place>['’\p{{L}}][^=\n\d]{{0,60}}?)"
                          r"(?=[ \t]+[\w.]+=|[ \t]*$)")
# A chat or transcript line's speaker, whole: "[09:41] Jayson die Bont: hello".
SPEAKER_LINE = regex.compile(r"(?m)^[ \t>]*(?:\[\d{1,2}:\d{2}(?::\d{2})?\]|\d{1,2}:\d{2}(?::\d{2})?)[ \t]+"
                             r"(?P<name>\p{Lu}[^:\n\d@]{1,60}?)[ \t]*:")


# A quoted field value in JSON, YAML or code: {"name": "Anna-Lena van Dijk", "city": "'s-Hertogenbosch"}.
# "SUPPORT_CONTACT_NAME=\"…\"": the label may close a longer key.
# The label may close a camelCase key: "addressLocality" (schema.org), "billingCity", "contactName".
_KEY_END = r"(?:\b|(?<=_)|(?-i:(?<=\p{Ll})(?=\p{Lu})))"
QUOTED_FIELD = regex.compile(rf"(?i)[\"']?{_KEY_END}(?:(?P<person>{_NAME_LABEL})|(?P<place>{_PLACE_LABEL}))"
                             r"[\"']?[ \t]*[:=]"
                             r"[ \t]*(?P<quote>[\"'])(?P<value>(?:(?!(?P=quote))[^\n]){1,80})(?P=quote)")


# A JSON name object's parts, as FHIR's HumanName and its kin write them: "family" and "given" (a list), or the
# name as a whole in "text" right inside a "name" object. "family" alone is a font's or a socket's too: only where
# a "given" is near.
_JSON_STRING = r'"(?P<value>[^"\\\n]{1,80})"'
JSON_NAME_PART = regex.compile(rf'"(?:family|given|middle)"\s*:\s*(?:{_JSON_STRING}|\[\s*{_JSON_STRING}'
                               rf'(?:\s*,\s*{_JSON_STRING})*\s*\])'
                               rf'|"name"\s*:\s*\{{\s*(?:"\w+"\s*:\s*"[^"\n]*"\s*,\s*)*"(?P<text>text)"\s*:\s*'
                               rf'{_JSON_STRING}')
JSON_NAME_OBJECT = regex.compile(r'"given"\s*:')


# What a name or a place can be written with: letters, spaces, apostrophes, hyphens and dots, with a capital.
# Code values ("mock.foo()", "<string>", "tempcwd") are not.
# A script without letter case (Arabic, Chinese) counts as capitalised.
# Transliterations write an ayn or a glottal stop with a turned comma or a modifier letter: "Madīnat ‘Īsá", "Haʻapai".
NAME_VALUE = regex.compile(r"(?=.*[\p{Lu}\p{Lo}])[\p{L}'’‘ʻʼʿʾ][\p{L}\p{M}'’‘ʻʼʿʾ. -]*")


# An XML or HTML element named for a person or a place: <name>Remus Tomescu</name>, <city>Zug</city>, and ISO
# 20022's abbreviated ones in SEPA and bank statement files: <Cdtr><Nm>…</Nm><PstlAdr><TwnNm>…</TwnNm>.
_ISO20022_PERSON = r"(?:Nm)"
# vCard as XML (vcard-temp's <FN>, <FAMILY>, <GIVEN>; xCard's <given>) and XMPP's nickname (XEP-0172): element
# names that only name a person's name or its parts, though "given" or "family" alone label nothing in prose.
_VCARD_PERSON = r"(?:fn|given|family|middle|nick|nickname|display[-_]?name)"
_ISO20022_PLACE = r"(?:TwnNm|TwnLctnNm|DstrctNm)"
XML_FIELD = regex.compile(rf"(?i)<(?P<tag>(?:\w+:)?(?:(?P<person>{_NAME_LABEL}|{_ISO20022_PERSON}|{_VCARD_PERSON})|"
                          rf"(?P<place>{_PLACE_LABEL}|{_ISO20022_PLACE})))"
                          r"(?:\s[^<>]*)?>(?P<value>[^<>\n]{1,80})</(?P=tag)>")


# An element whose name attribute names its text: a Windows event's <Data Name="DisplayName">…</Data>, Solr's
# <field name="author">…</field>. The name is split where its words meet ("DisplayName", "display_name").
NAMED_ELEMENT = regex.compile(r"<(?P<tag>[\w:.-]+)\s(?:[^<>]*\s)?(?i:name|key)=[\"'](?P<label>[\p{L}_ -]{1,40})[\"']"
                              r"[^<>]*>(?P<value>[^<>\n]{1,80})</(?P=tag)>")
# A property list (macOS Contacts, an app's settings) writes a value in the <string> after its <key>; Contacts
# names a person's name parts "First", "Last", "Middle", "Maiden", which label nothing elsewhere.
PLIST_PAIR = regex.compile(r"<key>(?P<label>[^<>\n]{1,40})</key>\s*<string>(?P<value>[^<>\n]{1,80})</string>")
PLIST_PERSON = regex.compile(r"(?i)(?P<person>first|last|middle|maiden|nickname)")
FIELD_LABEL = regex.compile(rf"(?i)(?P<person>{_NAME_LABEL}|{_VCARD_PERSON}|display name)|(?P<place>{_PLACE_LABEL})")
_WORDS_MEET = regex.compile(r"(?<=\p{Ll})(?=\p{Lu})|_")


def xml_fields(text: str) -> list[tuple[int, int, str]]:
    """The whole text of an XML element named for a person or a place, by its tag, its name attribute or the
    property list key before it, whatever its words look like."""
    if "</" not in text:  # most texts have no elements: skip the scan
        return []
    found = [(m.start("value"), m.end("value"), "PERSON" if m["person"] else "LOCATION")
             for m in XML_FIELD.finditer(text)]
    labelled = [*NAMED_ELEMENT.finditer(text), *(PLIST_PAIR.finditer(text) if "<key>" in text else ())]
    for m in labelled:
        words = _WORDS_MEET.sub(" ", m["label"]).strip()
        label = FIELD_LABEL.fullmatch(words) or (PLIST_PERSON.fullmatch(words) if m.re is PLIST_PAIR else None)
        if label:
            found.append((m.start("value"), m.end("value"), "PERSON" if label["person"] else "LOCATION"))
    return [(a, b, entity) for a, b, entity in found
            if NAME_VALUE.fullmatch(text[a:b].strip()) and text[a:b].casefold() not in EMPTY_VALUES
            and not not_personal(text, a, b, strict=False)]


# Inside a start tag, right after a "name" attribute's opening quote: its value names the element, not a person.
NAME_ATTRIBUTE = regex.compile(r"(?i)<[\p{L}_][\w:.-]*(?:\s+[\w:.-]+\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'))*"
                               r"\s+[\w:.-]*name\s*=\s*[\"']$")


def _named_thing(field: regex.Match[str]) -> bool:
    """A bare "name" key holding one everyday word that is no given name names a thing: a HAR file's creator
    ('"name": "Firefox"'), a package, a queue."""
    value = field["value"]
    return (bool(field["person"]) and field["person"].casefold() == "name" and " " not in value.strip()
            and is_everyday(value.strip()) and not may_be_given_name(value.strip()))


def quoted_fields(text: str) -> list[tuple[int, int, str]]:
    """The whole quoted value of a field named for a person or a place, whatever its words look like, and the
    parts of a JSON name object (:data:`JSON_NAME_PART`)."""
    return _quoted_fields(text)[0]


def _quoted_fields(text: str) -> tuple[list[tuple[int, int, str]], set[tuple[int, int]]]:
    """:func:`quoted_fields`, and the values of bare "name" keys that name a thing (:func:`_named_thing`), which
    no other rule may take for a person either: one pass over the fields for both."""
    fields = list(QUOTED_FIELD.finditer(text))
    things = {m.span("value") for m in fields if _named_thing(m)}
    found = [(m.start("value"), m.end("value"), "PERSON" if m["person"] else "LOCATION")
             for m in fields
             if not (" " not in m["value"] and NAME_ATTRIBUTE.search(text, max(0, m.start("value") - 300),
                                                                      m.start("value")))
             and m.span("value") not in things]
    if '"given"' in text or '"text"' in text:
        found += [(a, b, "PERSON") for m in JSON_NAME_PART.finditer(text)
                  if m["text"] or JSON_NAME_OBJECT.search(text, max(0, m.start() - 200), m.end() + 200)
                  for a, b in m.spans("value")]
    return [(a, b, entity) for a, b, entity in found
            if NAME_VALUE.fullmatch(text[a:b]) and text[a:b].casefold() not in EMPTY_VALUES
            and not not_personal(text, a, b, strict=False)], things


def whole_line_places(text: str) -> list[tuple[int, int, str]]:
    """The rest of a line after a postcode ("1373 EE Ter Zande") or a place label ("City: San Nueva"), or a logfmt
    place field: a place name of any shape, lower-case words included."""
    found = [(m.start("place"), m.end("place"), "LOCATION")
             for pattern in (POSTCODE_LINE, LABEL_LINE, KEY_VALUE, LDIF_PLACE, DN_PLACE, WIKI_PLACE)
             for m in pattern.finditer(text)
             if len(m["place"].split()) <= 5 and m["place"].strip(" \t,;'\"").casefold() not in EMPTY_VALUES]
    found += vcard_places(text) + towns_under_streets(text)
    return found + [(m.start(end), m.end(end), "LOCATION") for m in ROUTE.finditer(text) for end in ("a", "b")
                    if len(m[end].split()) <= 5]


# The last line of an address block, under its street line ("Edificio Torre Global, piso 12" / "Beled ur"): the town,
# lower-case words and all, unless it reads as a sentence of everyday words.
TOWN_LINE = regex.compile(r"(?m)^[ \t]*(?P<place>\p{Lu}[\p{L}\p{M}'’.() -]{1,40}?)[ \t]*(?:\n[ \t]*\n|\n?\Z)")


def towns_under_streets(text: str) -> list[tuple[int, int, str]]:
    """The town line right under a street line at the end of an address block (see :data:`TOWN_LINE`)."""
    found = []
    for town in TOWN_LINE.finditer(text):
        line_start = town.start()
        if not line_start:
            continue
        previous = text[text.rfind("\n", 0, line_start - 1) + 1:line_start - 1]
        if STREET_LINE.match(previous) and not everyday_phrase(town["place"]):
            found.append((town.start("place"), town.end("place"), "LOCATION"))
    return found


# A name as airline and travel systems print it: SURNAME/GIVEN NAMES and a title ("OKORO/NGOZI MS", "VAN DER
# BERG/ANNA MRS"); without the title, only after a passenger or name label ("AND/OR", "TCP/IP" are not names).
_PNR_PART = (rf"(?:\p{{Lu}}[\p{{Lu}}'’-]+(?:[ ]\p{{Lu}}[\p{{Lu}}'’-]+){{0,3}}"
             rf"|{CASELESS_WORD}(?:[ ]{CASELESS_WORD}){{0,3}})")
PNR_NAME = regex.compile(rf"(?<![\w/])(?P<name>{_PNR_PART}/{_PNR_PART})(?P<title>[ ](?:MR|MRS|MS|MISS|MSTR|DR|PROF))?"
                         rf"(?![\w/])")
PNR_LABEL = regex.compile(r"(?i)\b(?:passenger|pax|traveller|traveler|guest|name)s?[ \t]*(?::|[ ]{2,}|\t)[ \t]*$")


def pnr_names(text: str) -> list[tuple[int, int, str]]:
    """Names written SURNAME/GIVEN, with their title (:data:`PNR_NAME`)."""
    if "/" not in text:
        return []
    return [(m.start(), m.end(), "PERSON") for m in PNR_NAME.finditer(text)
            if m["title"] or PNR_LABEL.search(text, max(0, m.start() - 30), m.start())]


# A GEDCOM genealogy record: lines of a level, a tag and a value ("1 NAME Amina /Bello/", "2 PLAC Kano, Nigeria");
# a record opens with "0 @I1@ INDI", a file with "0 HEAD". The surname sits between slashes.
GEDCOM_RECORD = regex.compile(r"(?m)^0[ ](?:@[^@\n]{1,20}@[ ])?(?:INDI|FAM|HEAD)\b")
GEDCOM_FIELD = regex.compile(r"(?m)^[1-9]\d?[ ](?:(?P<person>NAME|GIVN|SURN|NICK|_MARNM|_AKA)|"
                             r"(?P<place>PLAC|CITY|STAE|CTRY))[ ](?P<value>[^\n@]{1,120}?)[ \t]*$")


def gedcom_fields(text: str) -> list[tuple[int, int, str]]:
    """The names and places of a GEDCOM record's NAME and PLAC lines (and their kin), whole."""
    if not GEDCOM_RECORD.search(text):
        return []
    return [(m.start("value"), m.end("value"), "PERSON" if m["person"] else "LOCATION")
            for m in GEDCOM_FIELD.finditer(text) if any(ch.isalpha() for ch in m["value"])]


# EDIFACT segments (UN/EDIFACT, ISO 9735) that name a party: NAD+qualifier+id+address+name+street+city+…' and a
# contact's CTA+function+code:name'. Elements are split by "+", components by ":", a segment ends at "'"; "?"
# escapes any of them. Positions, not words, say which element is the name and which the town.
EDIFACT_SEGMENT = regex.compile(r"(?m)^(?P<tag>NAD|CTA)\+(?P<value>(?:\?.|[^'?\n])*)'")
EDIFACT_ELEMENT = regex.compile(r"(?:\?.|[^+?])*")
EDIFACT_FIELDS = {"NAD": {3: "PERSON", 5: "LOCATION"}, "CTA": {1: "PERSON"}}


def edifact_fields(text: str) -> list[tuple[int, int, str]]:
    """The party name and town of an EDIFACT NAD segment and a CTA segment's contact name, whole."""
    if "NAD+" not in text and "CTA+" not in text:
        return []
    found = []
    for segment in EDIFACT_SEGMENT.finditer(text):
        offset, fields = segment.start("value"), EDIFACT_FIELDS[segment["tag"]]
        elements = [m for m in EDIFACT_ELEMENT.finditer(segment["value"]) if m.start() == 0
                    or segment["value"][m.start() - 1] == "+"]
        for index, element in enumerate(elements):
            if index not in fields:
                continue
            start, end = element.span()
            if segment["tag"] == "CTA":  # the name is the second component: "IC+:Rami Khoury"
                start = segment["value"].rfind(":", start, end) + 1 or start
            value = segment["value"][start:end]
            if any(ch.isalpha() for ch in value) and not any(ch.isdigit() for ch in value):
                found.append((offset + start, offset + end, fields[index]))
    return found


# A value in capitals to the end of its line, as forms, receipts and OCR print them ("CASHIER: FATIMA", "14 HIGH
# STREET" / "DIEKIRCH"). A run is never in capitals (acronyms are not names), so only a label or a street line
# above makes one a name or a place.
_CAPITAL_WORD = r"\p{Lu}\p{M}*(?:[\p{Lu}\p{M}'’-]*[\p{Lu}\p{M}])?"
# A title may open it, as capitals print it ("PROF. DIOP", "DR(A). MAXIMO SORIA", "MR الشحوح").
CAPITAL_VALUE = regex.compile(rf"(?m)(?<![\p{{L}}\p{{M}}\d'’.-])(?:(?i:{TITLES})(?:\(\p{{Lu}}{{1,2}}\))?\.?[ ])?"
                              rf"(?:{_CAPITAL_WORD}|{CASELESS_WORD})(?:[ ]{_CAPITAL_WORD}){{0,5}}(?=[ \t]*$)")
GIVEN_NAME_LABEL = regex.compile(rf"(?i)\b{_GIVEN_NAME_LABEL}[ \t]*[:=][ \t]*$")
# A field label and its separator ("CASHIER:", "Name  "), not a greeting ("b'HELLO WORLD'").
MAIL_HEADER_LABEL = regex.compile(r"(?i)(?:from|to|cc|bcc)\b")
LABEL_CUE = regex.compile(rf"(?i)(?:(?<!\b{_THING}['’]?s?[ \t_-]*)\bname|\b(?!name\b){_NAME_LABEL})[\"']?[ \t]*"
                          rf"{_SEPARATOR}[ \t]*$")


def _everyday(words: list[str]) -> bool:
    """Whether every word is a common English word and none a given name: "SALES TEAM", "Stand-up", not "GRACE"."""
    return all(is_everyday(w) and not may_be_given_name(w) for w in words)


def _lower_everyday(cell: str) -> bool:
    """Whether a table cell is common English words in lower case and no place: "global", "if", not "lima" (in the
    gazetteer) or "ana benítez"."""
    words = cell.split()
    return bool(words) and cell.islower() and _everyday(words) and not is_place(cell.strip())


# A parcel's tracking scan: an event, then the place it happened in the last column ("ACCEPTED AT POST OFFICE
# PASO DE DAYMÁN", "Arrived at facility      Montevideo").
SCAN_PLACE = regex.compile(r"(?mi)^[^\n]*?\b(?:accepted|departed|arrived|dispatched|in transit|out for delivery|"
                           r"delivered|sorting|post office|facility|depot|hub|customs)\b[^\n\d]*?[ ]{2,}"
                           r"(?P<place>(?:\d{1,3}[ ])?['‘ʻ’]?\p{L}[\p{L}\p{M}'’‘ʻ. -]{1,40}?)[ \t]*$")


def scan_places(text: str) -> list[tuple[int, int, str]]:
    """The place of each tracking scan line (:data:`SCAN_PLACE`), not a column of everyday words ("Yes")."""
    return [(m.start("place"), m.end("place"), "LOCATION") for m in SCAN_PLACE.finditer(text)
            if len(m["place"].split()) <= 5 and not _everyday(regex.findall(r"[\p{L}'’-]+", m["place"]))]


def capital_values(text: str) -> list[tuple[int, int, str]]:
    """Names after a name label and towns after a place label or under a street line, written in capitals
    (:data:`CAPITAL_VALUE`)."""
    found = []
    for m in CAPITAL_VALUE.finditer(text):
        words = m.group().split()
        if len(m.group()) < 2 or m.group().casefold() in _NEVER_A_NAME:
            continue
        before, _, previous, _ = _line(text, m.start(), m.end())
        if LABEL_CUE.search(before):  # not "CONTACT: SALES TEAM"; a given name may be a word ("BLESSINGS", "GRACE")
            if GIVEN_NAME_LABEL.search(before) or not (any(w.casefold() in ORGANISATION_WORDS for w in words)
                                                       or _everyday(words)):
                found.append((m.start(), m.end(), "PERSON"))
        elif (not before.strip() and STREET_LINE.match(previous)) or (
                PLACE_LABEL.search(before) and not _everyday(words)):  # "Place of birth: MONTÒRGANIZE"
            found.append((m.start(), m.end(), "LOCATION"))
    return found


# A family name in capitals before the given names, as West and Central African forms and French registers write
# it ("TCHOUPO Madeleine", "NIYONZIMA Jean de Dieu"). The given name has to be a common one: "HTTP Server" and
# "ERROR Handling" are no names.
# Congolese records add the postnom, in capitals too: "MUKWEGE ILUNGA Édith".
_CAPITALS_WORD = r"\p{Lu}\p{M}*(?:[\p{Lu}\p{M}'’-]*\p{Lu}){2,}"
FAMILY_IN_CAPITALS = regex.compile(rf"(?<![\p{{L}}\p{{M}}\d'’.-])(?P<family>{_CAPITALS_WORD}(?:[ ]{_CAPITALS_WORD})?)"
                                   r"[ ](?P<given>\p{Lu}\p{Ll}[\p{Ll}\p{M}'’]*(?:-\p{Lu}\p{Ll}+)?)"
                                   r"(?:[ ](?:de[ ])?\p{Lu}\p{Ll}[\p{Ll}\p{M}'’]*)?(?![\p{L}\p{M}\d])")


def family_in_capitals(text: str) -> list[tuple[int, int, str]]:
    """Names written FAMILY Given (:data:`FAMILY_IN_CAPITALS`) whose family name is no everyday or technical word."""
    found = []
    for m in FAMILY_IN_CAPITALS.finditer(text):
        families = m["family"].casefold().split()
        if (may_be_given_name(m["given"].split("-")[0])
                and not any(family in _NEVER_A_NAME or (is_everyday(family) and not may_be_given_name(family))
                            for family in families)
                and not not_personal(text, m.start(), m.end())):
            found.append((m.start(), m.end(), "PERSON"))
    return found


# A name written surname first, as registers and hospital records write it: "KIPKEMEI, Faraja", "Olmo, Jaime",
# "LUO, Jun Yang". Only after a name label ("Patient:"), and only to the end of its field.
_SURNAME_WORD = rf"(?:\p{{Lu}}[\p{{L}}\p{{M}}'’]*(?:-\p{{Lu}}[\p{{L}}\p{{M}}'’]*)?|{CASELESS_WORD})"
_GIVEN_WORD = rf"(?:\p{{Lu}}\p{{M}}*\p{{Ll}}[\p{{L}}\p{{M}}'’]*(?:-\p{{Lu}}[\p{{L}}\p{{M}}'’]*)?|{CASELESS_WORD})"
SURNAME_FIRST = regex.compile(rf"(?m)(?<![\p{{L}}\p{{M}}\d'’.-])"
                              rf"(?P<surname>{_SURNAME_WORD}(?:[ ]{_SURNAME_WORD}){{0,2}}),[ ]{_GIVEN_WORD}"
                              rf"(?:[ ]{_GIVEN_WORD}){{0,3}}(?=[ ]{{2,}}|\t|[ \t]*(?:$|\(|;))")


def surname_first(text: str) -> list[tuple[int, int, str]]:
    """Names written "SURNAME, Given" after a name label (:data:`SURNAME_FIRST`), whole."""
    if ", " not in text:
        return []
    found = []
    for m in SURNAME_FIRST.finditer(text):
        words = regex.findall(r"[\p{L}\p{M}'’-]+", m.group())
        # "From  Emily Darko, Asisuase" is a name and a town: a surname before the comma is one word or capitals.
        surname = m["surname"]
        if " " in surname and not surname.isupper():
            continue
        if LABEL_CUE.search(_line(text, m.start(), m.end())[0]) and not (
                any(w.casefold() in ORGANISATION_WORDS or w.casefold() in _NEVER_A_NAME for w in words)
                or _everyday(words)):
            found.append((m.start(), m.end(), "PERSON"))
    return found


# HTML in a record (an e-mail body, a signature): a tag is not a word, and a block tag ends a line ("<b>Jane
# Doe</b><br>Account Manager<br>Oakby"). Runs and their cues are read on a copy with every tag blanked, a block
# tag's first character a line break, so every offset is still the text's own. An address in angle brackets is no
# tag: " -- Ana Copa <ana@example.org>  Tue, 03 Nov 2026" (a changelog's trailer) keeps its display name's cue.
HTML_TAG = regex.compile(r"<(?![^<>\s]*@[^<>\s]*>)/?(?P<name>[a-zA-Z][a-zA-Z0-9]{0,9})\b[^<>\n]{0,300}>")
BLOCK_TAGS = {"br", "p", "div", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol",
              "blockquote", "hr", "dd", "dt"}
# HTML's own elements: their attributes are markup (styles, links, classes). Any other tag is a record's XML, whose
# attribute values are its data ('<sms body="Hi, it's Ana Copa" contact_name="Ana Copa" />'): those stay readable.
HTML_ELEMENTS = BLOCK_TAGS | {"a", "abbr", "address", "article", "aside", "b", "big", "body", "button", "c", "caption",
                              "center", "cite", "code", "col", "colgroup", "dl", "em", "figure", "font", "footer",
                              "form", "head", "header", "html", "i", "iframe", "img", "input", "kbd", "label",
                              "link", "main", "mark", "meta", "nav", "option", "pre", "q", "s", "section", "select",
                              "small", "span", "strike", "strong", "style", "sub", "sup", "tbody", "textarea",
                              "tfoot", "thead", "time", "title", "tt", "u", "v", "var", "script", "svg", "o", "w",
                              "xml", "nobr", "wbr"}
XML_ATTRIBUTE_VALUE = regex.compile(r"""\s[\w:.-]+[ \t]*=[ \t]*(?P<quote>["'])"""
                                    r"(?P<value>(?:(?!(?P=quote))[^<>\n])*\s(?:(?!(?P=quote))[^<>\n])*)(?P=quote)")


VOICE_TAG = regex.compile(r"<v(?:\.[\w.-]+)?[ \t]+(?P<voice>[^<>\n]{1,80}?)[ \t]*>")


def html_view(text: str) -> str:
    """``text`` with its HTML tags blanked (see :data:`HTML_TAG`), the same length."""
    if "<" not in text:
        return text
    parts: list[str] = []
    last, line_open = 0, False
    for tag in HTML_TAG.finditer(text):
        between = text[last:tag.start()]
        if between.strip(" \t"):
            line_open = not between.rstrip(" \t").endswith("\n")
        parts.append(between)
        spaces = " " * (tag.end() - tag.start())
        if tag["name"] == "v" and (voice := VOICE_TAG.fullmatch(tag.group())):
            # a WebVTT voice tag names who speaks: "<v Ana Copa>Hi" reads "   Ana Copa:Hi", a chat line
            spaces = " " * voice.start("voice") + voice["voice"] + ":"
        elif tag["name"].casefold() in BLOCK_TAGS and line_open:  # "<p>" after a line break adds no blank line
            spaces, line_open = "\n" + spaces[1:], False
        elif tag["name"].casefold() not in HTML_ELEMENTS:  # a record's attribute values with words in them stay
            chars = list(spaces)
            for value in XML_ATTRIBUTE_VALUE.finditer(tag.group()):
                chars[value.start("value"):value.end("value")] = value["value"]
            spaces = "".join(chars)
        parts.append(spaces)
        last = tag.end()
    return "".join(parts) + text[last:]


# Slack, Teams and Discord copy a message as its author's name and the time on a line, the text below it ("Jane
# Doe  10:42 AM").
AUTHOR_LINE = regex.compile(r"(?m)^(?P<name>\p{L}[\p{L}\p{M}'’.-]*(?:[ ][\p{L}\p{M}'’.-]+){0,5})(?:[ ]{2,}|\t)"
                            r"\d{1,2}:\d{2}(?:[ ]?[AaPp][Mm])?[ \t]*$")


def chat_speakers(text: str) -> list[tuple[int, int, str]]:
    """The speaker of each time-stamped chat line, particles and all ("Jennifer van 't Wel"), and the author line
    of a copied Slack message (:data:`AUTHOR_LINE`); a one-word speaker in capitals is a role or a unit ("14:05
    DISPATCH:", "SYSTEM:"), and an author line of everyday words is an agenda's ("Stand-up  10:00")."""
    speakers = [m for m in SPEAKER_LINE.finditer(text)
                if not (m["name"].isupper() and " " not in m["name"] and not is_given_name(m["name"]))]
    speakers += [m for m in AUTHOR_LINE.finditer(text) if not _everyday(regex.findall(r"[\p{L}'’]+", m["name"]))]
    return [(m.start("name"), m.end("name"), "PERSON") for m in speakers
            if len(m["name"].split()) <= 6 and m["name"].casefold() not in NOT_NAMES]


# An SQL INSERT with its column list, and each row of values after it (quotes doubled inside a string).
SQL_INSERT = regex.compile(r"(?i)\binsert[ \t]+into[ \t]+[\w.\"`\[\]]+[ \t]*\((?P<columns>[^()\n]{1,500})\)"
                           r"\s*values\s*")
# A dump that did not double a name's apostrophe ('Amin O'Kosgei') still ends a string only before a comma or a
# parenthesis: a quote followed by a letter is inside it.
_SQL_STRING = r"'(?:[^']|''|'(?=\p{L}))*'"
SQL_ROW = regex.compile(rf"\((?P<row>(?:{_SQL_STRING}|[^()'])*)\)\s*,?\s*")
SQL_VALUE = regex.compile(r"\s*(?:'(?P<quoted>(?:[^']|''|'(?=\p{L}))*)'|(?P<bare>[^,]*?))\s*(?:,|$)")


def sql_values(text: str) -> list[tuple[int, int, str]]:
    """Values of an SQL INSERT's columns named for a person, a place, a card or a phone: a dump
    (``INSERT INTO customers (name, town, phone) VALUES ('Ann Eze', 'Kimende', '0712 345678'), (...);``) is a table
    whose header is its column list."""
    if "insert" not in text.casefold():
        return []
    found: list[tuple[int, int, str]] = []
    for insert in SQL_INSERT.finditer(text):
        names = [c.strip().strip("\"`[]") for c in insert["columns"].split(",")]
        columns = {i: entity for i, name in enumerate(names) for entity, pattern in COLUMNS if pattern.match(name)}
        position = insert.end()
        while columns and (row := SQL_ROW.match(text, position)):
            start, end = row.span("row")
            for index, value in enumerate(SQL_VALUE.finditer(text, start, end)):
                entity = columns.get(index)
                if entity and value["quoted"] and value.end("quoted") > value.start("quoted"):
                    found.append((value.start("quoted"), value.end("quoted"), entity))
                if value.end() >= end:
                    break
            position = row.end()
    return found


# The card, phone and name recognizers each ask for one document's columns in turn: parsed once. Callers must not
# change the list.
@functools.lru_cache(maxsize=4)
def table_columns(text: str) -> list[tuple[int, int, str]]:
    """Cells of table columns named for a person, a place, a card or a phone ("full_name", "city", "card",
    "phone"), under their header line: CSV (comma, semicolon, tab) and Markdown pipe tables, and the values of an
    SQL INSERT's columns (:func:`sql_values`)."""
    found: list[tuple[int, int, str]] = []
    columns: dict[int, str] = {}
    width = 0
    starts: list[int] = []  # where a fixed-width header's columns start; empty for a delimited table
    ends: list[int] = []  # and where they end
    offset = 0
    wiki = False  # under a wiki table's "||Field||Value||" header row
    for line in text.split("\n"):
        if not line.strip():
            columns, wiki = {}, False
        elif MARKDOWN_RULE.fullmatch(line.strip()) or PSQL_RULE.fullmatch(line.strip()):
            pass  # "|---|:---|" under a Markdown header, "-----+-----" under psql's
        elif columns:
            cells = _cells(line)
            # A row under a fixed-width header is cut where the header's columns start ("D   6835830782 TOMÁS"),
            # unless its own gaps give every cell and it is not aligned with the header: fewer than half of its
            # cells start where the header's columns do (rows joined by a few spaces under a header padded to
            # width, a script narrower than its number of characters).
            if ends and 2 <= len(cells) <= width + 1 and [b for _, b in cells[1:]] == ends[:len(cells) - 1]:
                # right-aligned under the header, an index before them (pandas, R's data.frame); the last cells
                # may be blank (a value the engine has already masked)
                cells = cells[1:] + [(ends[i], ends[i]) for i in range(len(cells) - 1, width)]
            elif starts and _aligned(line) and (len(cells) != width or 2 * sum(
                    a in starts for a, _ in cells[1:]) >= len(cells) - 1):
                cells = _fixed_cells(line, starts)
            if len(cells) != width and (leadered := _leadered(line)):
                # A directory row: its first columns end in dot leaders; the rest, after the last one, is a phone
                # column's cell only as a cue for the numbers in it.
                cells = leadered
                phone = [i for i, entity in columns.items() if entity == "PHONE_NUMBER" and i >= len(cells)]
                if phone and len(cells) < width:
                    found.append((offset + cells[-1][1], offset + len(line), "PHONE_NUMBER"))
            elif len(cells) != width:  # not a row of this table
                columns = {}
            if any(pattern.match(line[a:b]) for a, b in cells[:1] for _, pattern in COLUMNS):
                columns = {}  # "City        Lima" under "Name        Ana Benítez": labels and values, no header
            for index, (a, b) in enumerate(cells if columns else []):
                entity = columns.get(index)
                # A name or a place has letters; a "contact" column may hold the person's phone number instead.
                if entity in ("PERSON", "LOCATION") and not any(ch.isalpha() for ch in line[a:b]):
                    entity = "PHONE_NUMBER" if entity == "PERSON" else None
                elif entity in ("PERSON", "LOCATION") and _lower_everyday(line[a:b]):
                    entity = None  # "global", "if" under "from" in a table of Python's keywords
                if entity and b > a:
                    found.append((offset + a, offset + b, entity))
        elif wiki and line.lstrip().startswith("|"):
            pass  # "|Customer|Nath Dridi|": a label and its value under "||Field||Value||", not another header
        elif (sum(line.count(d) for d in ",;\t") >= 2 or (line.lstrip().startswith("|") and line.count("|") >= 3)
              or _piped(line) or _aligned(line)):
            wiki = line.lstrip().startswith("||")
            header_cells = _cells(line)
            header = [line[a:b].strip().strip("'\"") for a, b in header_cells]
            starts = [a for a, _ in header_cells] if _aligned(line) else []
            ends = [b for _, b in header_cells] if starts else []
            if all(HEADER_CELL.fullmatch(h) for h in header):  # not a line of code: {"first", T_OBJECT_EX, 0}
                columns = {i: entity for i, h in enumerate(header) for entity, pattern in COLUMNS
                           if pattern.match(h)}
                if starts:  # a form's labels: "Surname and given names      Place of birth"
                    columns |= {i: entity for i, h in enumerate(header) if i not in columns
                                for entity, pattern in FORM_LABELS if pattern.search(h)}
                width = len(header)
                if width >= 4 and width % 2 == 0 and columns and all(i % 2 == 0 for i in columns):
                    columns = {}  # "From  Lagos  To  Abuja": labels and their values on one line, not a header
        offset += len(line) + 1
    return found + sql_values(text) + html_table_cells(text)


# An HTML table's rows and cells: a header row of <th> cells names the columns of the <td> rows under it.
HTML_ROW = regex.compile(r"(?is)<tr\b[^>]*>(?P<row>.*?)(?=<tr\b|</table>|\Z)")
HTML_CELL = regex.compile(r"(?is)<t(?P<kind>[hd])\b[^>]*>(?P<cell>.*?)(?=</t[hd]>|<t[hd]\b|</tr>|\Z)")


def html_table_cells(text: str) -> list[tuple[int, int, str]]:
    """Cells of an HTML table's columns named for a person, a place, a card or a phone by its header row."""
    if "<t" not in text:
        return []
    found: list[tuple[int, int, str]] = []
    columns: dict[int, str] = {}
    for row in HTML_ROW.finditer(text):
        cells = list(HTML_CELL.finditer(text, row.start("row"), row.end("row")))
        if cells and all(cell["kind"].lower() == "h" for cell in cells):
            names = [html.unescape(cell["cell"]).strip() for cell in cells]
            columns = {i: entity for i, name in enumerate(names) for entity, pattern in COLUMNS if pattern.match(name)}
            continue
        for index, cell in enumerate(cells):
            entity = columns.get(index)
            value = cell["cell"]
            a = cell.start("cell") + len(value) - len(value.lstrip())
            b = cell.end("cell") - (len(value) - len(value.rstrip()))
            if entity and b > a and "<" not in text[a:b]:
                if entity in ("PERSON", "LOCATION") and not any(ch.isalpha() for ch in text[a:b]):
                    entity = "PHONE_NUMBER" if entity == "PERSON" else None
                if entity:
                    found.append((a, b, entity))
    return found


def _line(text: str, start: int, end: int) -> tuple[str, str, str, str]:
    """(text before the span on its line, after it on its line, the previous line, the next line)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    previous_start = text.rfind("\n", 0, max(0, line_start - 1)) + 1
    next_end = text.find("\n", line_end + 1)
    next_end = len(text) if next_end < 0 else next_end
    previous = text[previous_start:line_start - 1] if line_start else ""
    return text[line_start:start], text[end:line_end], previous, text[line_end + 1:next_end]


ABOVE_CELL = regex.compile(r"\S+(?: \S+)*")


def label_above(text: str, start: int) -> str:
    """The cell of the line above that starts in the same column as the cell at ``start``: a form's label, as
    ``pdftotext -layout`` writes one over its value ("Telephone" over "0621 36 426"); "" when there is none."""
    line_start = text.rfind("\n", 0, start) + 1
    column = start - line_start
    if column and not text[line_start:start].endswith(("  ", "\t")) and text[line_start:start].strip():
        return ""  # not the start of a cell
    above_start = text.rfind("\n", 0, max(0, line_start - 1)) + 1
    above = text[above_start:max(above_start, line_start - 1)]
    if not line_start or column >= len(above) or above[column] == " " or (column and above[column - 1] != " "):
        return ""
    cell = ABOVE_CELL.match(above, column)
    return cell.group() if cell else ""


def _line_before_blank(text: str, start: int) -> str:
    """The line before the blank line above the one ``start`` is on ("Kind regards,", a blank line, the name)."""
    line_start = text.rfind("\n", 0, start) + 1
    blank_start = text.rfind("\n", 0, max(0, line_start - 1)) + 1
    if not line_start or text[blank_start:line_start - 1].strip() or not blank_start:
        return ""
    return text[text.rfind("\n", 0, blank_start - 1) + 1:blank_start - 1]


# A street line on its own, the town on the next: "14 HIGH STREET" / "DIEKIRCH" on a receipt, "7 Mill Lane" / "Oakby".
STREET_LINE = regex.compile(rf"(?i)^[ \t]*(?:\d+[\p{{L}}]?[ \t,]+(?:[\p{{L}}'’.-]+[ \t]+){{0,3}}{STREET_TYPE}\.?"
                            rf"|(?:[\p{{L}}'’.-]+[ \t]+){{0,3}}{STREET_TYPE}\.?[ \t]+\d+[\p{{L}}]?"
                            # the street's type first, as Spanish, Italian and Portuguese write it: "Calle Mayor 12"
                            rf"|{STREET_TYPE}\.?[ \t]+(?:[\p{{L}}\d'’.-]+[ \t]+){{1,4}}\d+[\p{{L}}]?"
                            # a post box, which a town follows as a street does: "Casilla 4410", "BP 1204"
                            r"|(?:p\.?[ ]?o\.?[ ]?box|post[ ]office[ ]box|casilla(?:[ ]postal)?|apartado(?:[ ]postal)?|"
                            r"caixa[ ]postal|postfach|b\.?p\.?|boîte[ ]postale|case[ ]postale|private[ ]bag|postbus|"
                            r"skrytka[ ]pocztowa)\.?[ \t]+\d+"
                            rf"|[\p{{L}}'’-]+{STREET_TYPE}\.?[ \t]+\d+[\p{{L}}]?"
                            # a building and its floor: "Edificio Torre Global, piso 12", "Tower 2, Level 5"
                            rf"|[^\n,]{{3,60}},[ \t]*{FLOOR}\.?[ \t]+\d+[\p{{L}}]?)[ \t]*,?[ \t]*$")
# A job title on its own line in a signature ("Account Manager", "Head of Sales"): the line after it, when short,
# is where the person works ("Kind regards, / Jane Doe / Account Manager / Oakby").
ROLE_LINE = regex.compile(rf"(?i)^[ \t>]*(?:[\p{{L}}&/-]+[ \t]+){{0,4}}{ROLE_NOUN}s?"
                          r"(?:[ \t]+(?:of|for)[ \t]+[\p{L} &]+)?[ \t,]*$")
SIGNATURE_LINES = 4


def _signed_above(text: str, start: int) -> bool:
    """Whether a sign-off ("Kind regards,") is among the few lines above the one ``start`` is on."""
    line_start = text.rfind("\n", 0, start) + 1
    above = text[:max(0, line_start - 1)].split("\n")[-SIGNATURE_LINES:]
    return any(SIGN_OFF.match(line) for line in above)


# A section, table or gate number after the run: "described in Section 24.3.1", "see Chapter 5" (a hamlet named
# Section is in the gazetteer); a year is not one ("moved to Paris 2019").
REFERENCE_NUMBER = regex.compile(r"[ \t\xa0]\d{1,3}(?:\.\d+)*(?!\d)")


def _before_place_noun(name: str, before: str, after: str, words: int) -> bool:
    """Whether the run ``name`` names a place by the noun after it ("the Marlley office", "the Drumcondra
    address"): not a form's "f Employee's address", a device's "the Bluetooth address", or a heading's first
    everyday word ("Static factory functions")."""
    noun = PLACE_AFTER.match(after)
    if not noun:
        return False
    if noun[0].rstrip().endswith("address") and not (DETERMINER.search(before) and not ADDRESS_KIND.match(name)):
        return False
    return not (words == 1 and not before.strip(" \t\u2022*-") and is_everyday(name))


# The rest of a signature's place line after its place noun: a comma and more, or nothing.
NOUN_THEN_LINE_END = regex.compile(rf"[ \t]+{_PLACE_AFTER}(?:[ \t]*,|[ \t]*$)", regex.M)


# A git object's or `git blame --porcelain`'s identity line: "author Ana Copa <ana@example.bo> 1762164764 +0100",
# "committer Ana Copa"; not a service's one word ("committer GitHub").
GIT_IDENT = regex.compile(r"(?:author|committer|tagger)[ ]")


def _signature_place(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` opens its line and only its place noun, then a comma or the line's end, follow
    ("Suai leu office, tel. +670 213 9097" under a signature's name)."""
    return not text[text.rfind("\n", 0, start) + 1:start].strip() and bool(NOUN_THEN_LINE_END.match(text, end))


def classify(text: str, start: int, end: int, title: bool, words: int) -> tuple[str | None, int]:
    """(PERSON, LOCATION or nothing, the cue's strength) for the run ``text[start:end]`` of ``words`` capitalised
    words. An explicit cue (:data:`EXPLICIT`: a title, a field label, a postcode, "based in") names what follows
    whatever it looks like; a good one (:data:`GOOD`: "the X office", a chat speaker) needs the run not to hold a
    technical term; a weak one also needs it not to read as technical text at all
    (:func:`llmdata.transforms.pii_names.not_personal`)."""
    before, after, previous, following = _line(text, start, end)
    name = text[start:end]
    at_line_end = bool(LINE_END.match(after))
    # A bar separates a label from its value only in a two-cell row ("|Site|Ain Hellal|"); in a wider one the
    # cells are a header's or a row's ("| Name | City | Phone |").
    wide_row = before.rstrip(" \t\"'").endswith("|") and (before.count("|") >= 3 or bool(NEXT_CELL.match(after)))
    # So does a tab, in a row of three cells or more (a TSV header: "Client<TAB>Ville<TAB>Téléphone").
    wide_row = wide_row or (before.endswith("\t") and (before.count("\t") >= 2 or "\t" in after))
    if ((PLACE_LABEL.search(before) and not wide_row and not LOWER_NEXT.match(after)
         and not (REFERENCE_NUMBER.match(after) and words == 1 and not is_place(name)))
            or PLACE_CUE.search(before) or SETTLEMENT_BEFORE.search(before) or ADDRESS_BEFORE.search(before)):
        return "LOCATION", EXPLICIT  # not "Location: Meeting room 3", "LOCATION:Depot 4, Harbour Road"
    if (POSTCODE_BEFORE.search(before) or LINE_LABEL.match(before)) and at_line_end:
        return "LOCATION", EXPLICIT
    if (title or WROTE.match(after) or (NAME_CUE.search(before) and not wide_row) or TITLE_BEFORE.search(before)
            or (GIT_IDENT.fullmatch(before) and words >= 2 and (at_line_end or MAILBOX_AFTER.match(after)))
            or (EMAIL_COMMENT.search(before) and after.startswith(")")) or PERSON_AFTER.match(after)):
        return "PERSON", EXPLICIT
    if _before_place_noun(name, before, after, words):
        return "LOCATION", GOOD
    if at_line_end and (org := ORG_BEFORE.search(before)) and any(
            w.casefold() in ORGANISATION_WORDS for w in regex.findall(r"[\p{L}]+", org[1])):
        return "LOCATION", GOOD
    if not before.strip() and at_line_end and words <= 4 and not any(ch.isdigit() for ch in after) and (
            STREET_LINE.match(previous) or (ROLE_LINE.match(previous) and _signed_above(text, start))) and not any(
            w.casefold() in ORGANISATION_WORDS for w in name.split()):  # "Account Manager / Northwind Traders"
        return "LOCATION", GOOD
    if SPEAKER.match(before) and after.startswith(":") and (words >= 2 or before.strip()) \
            and not heading_words(name.split()):  # "Public Key Algorithm: rsaEncryption" is a field
        return "PERSON", GOOD
    if words >= 2 and MAILBOX_AFTER.match(after):
        return "PERSON", GOOD
    signed = SIGN_OFF.match(previous) or SIGN_OFF.match(_line_before_blank(text, start))
    if not before.strip() and at_line_end and (signed or
                                               (previous.rstrip().endswith(":") and words >= 1) or
                                               (words >= 2 and STREET.match(following)
                                                and not any(ch.isdigit() for ch in after))):
        return "PERSON", WEAK
    parts = name.split()
    if words >= 2 and (WEAK_NAME_CUE.search(before) or NAME_LIST.match(before) or AKA_AFTER.match(after)) \
            and not heading_words(parts):
        return "PERSON", WEAK
    if words >= 2 and (is_given_name(parts[0].split("-")[0]) or (
            is_given_name(parts[-1].split("-")[0]) and not is_everyday(parts[0]))) and not heading_words(parts):
        return "PERSON", WEAK  # "Zofia Wróblewska", "Anna-Lena Berg", and family name first: "Kovács R. Tamás"
    if (len(name) > 3 and WEAK_PLACE_CUE.search(before) and is_place(name) and not REFERENCE_NUMBER.match(after)
            and not is_language(name)):  # "in English"
        return "LOCATION", WEAK
    return None, WEAK


# Georgian's letters are lower case to Unicode, but its capitals are never used: it counts as a caseless script.
_CASED = regex.compile(r"(?!\p{Script=Georgian})[\p{Lu}\p{Ll}]")
_CASELESS_LETTERS = regex.compile(CASELESS_LETTER)
_CASELESS_NEAR = regex.compile(CASELESS_INNER)


def island(text: str, start: int, end: int) -> bool:
    """Whether the words ``text[start:end]`` of a script without case stand alone in text written in a cased
    script: a Thai, Japanese or Arabic name in an English ticket ("Table 5: ภัทรนาฎ ตรีเภรินทร์ (coming from ...)").
    Such words are a name or a place; in text written in their own script they are just words."""
    before = text[:start].rstrip(" \t")
    after = text[end:].lstrip(" \t")
    if (before and _CASELESS_NEAR.match(before[-1])) or (after and _CASELESS_NEAR.match(after[0])):
        return False  # part of a longer passage in that script
    cased, caseless = _letters(text)
    return cased > caseless - len(_CASELESS_LETTERS.findall(text, start, end))


@functools.lru_cache(maxsize=4)  # one text's runs ask in turn; a str caches its hash
def _letters(text: str) -> tuple[int, int]:
    """(letters of cased scripts, letters of caseless ones) in ``text``."""
    return len(_CASED.findall(text)), len(_CASELESS_LETTERS.findall(text))


class ContextRecognizer(EntityRecognizer):
    """PERSON and LOCATION spans from the cues around capitalised runs, CSV columns, and NER spans widened to the
    whole run they sit in."""

    def __init__(self, score: float = SCORE) -> None:
        super().__init__(supported_entities=["PERSON", "LOCATION"], name=NAME, supported_language="en")
        self.score = score

    def load(self) -> None:
        """The gazetteer loads on first use (:func:`llmdata.transforms.pii_places.place_names`)."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
                ) -> list[RecognizerResult]:
        wanted = set(entities) & {"PERSON", "LOCATION"}
        if not wanted:
            return []
        ner = sorted((span.start_char, span.end_char, span.label_) for span in (nlp_artifacts.entities if nlp_artifacts
                                                                                 else []))
        ner_starts = [a for a, _, _ in ner]
        original, text = text, html_view(latex_view(text))
        results = []
        for match in RUN.finditer(text):
            start, end = match.span()
            title = bool(match["title"])
            tokens = match["words"].split()
            if not title:  # "Hi Anna Schmidt", "On Tuesday Ms O'Kieve": the greeting and the day are context
                while tokens and _leading(tokens):
                    tokens.pop(0)
                    start = _skip_word(text, start)
                if len(tokens) > 1 and tokens[0] == "of" and OF_CUE.search(text, max(0, start - 40), start):
                    tokens.pop(0)  # "sibling of Eva Ó Duinnín": "of" belongs to the cue, not to a name ("Isle of Man")
                    start = _skip_word(text, start)
                if len(tokens) > 1 and TITLE.fullmatch(tokens[0]):
                    title = True
            # In a script without capitals a run is any words: a title inside it starts the name ("... מר דוד לוי").
            inner = [i for i, t in enumerate(tokens[1:-1], 1) if CASELESS.match(tokens[-1]) and TITLE.fullmatch(t)]
            if inner:
                for _ in range(inner[-1]):
                    tokens.pop(0)
                    start = _skip_word(text, start)
                title = True
            # A name is written in one script: "Pickup   ყვარელი" is a label, then a place.
            while len(tokens) > 1 and CASELESS.match(tokens[-1]) and not CASELESS.match(tokens[0]):
                tokens.pop(0)
                start = _skip_word(text, start)
                title = False
            if not tokens or (not title and (all(t.casefold().rstrip(".,") in _NEVER_A_NAME for t in tokens)
                                             or header_word(text[start:end]))):
                continue
            words = sum(1 for t in tokens if _WORD_RE.fullmatch(t))
            if len(tokens) > 1 and len(tokens[-1]) <= 3 and (degree := DOTTED_DEGREE.match(text, end)):
                end = degree.end()
            entity, cue = None, WEAK
            tail = PLACE_TAIL.match(text, end)
            if tail and any(is_everyday(w) and (len(w) >= 5 or w.endswith("ed")) for w in tail.group().split()):
                # "from Sitio Itaas called again": longer English words after a place are the sentence's; short
                # ones are often part of it ("Char hat", "Puebla de llana")
                tail = None
            if tail:  # a place name that ends in lower-case words, if a cue says so
                entity, cue = classify(text, start, tail.end(), title, words)
                # "our Borgo lungo office", "Care, Puebla de llana", a signature's "Suai leu office, tel. …", not
                # "Reader and Writer must be factory ..."
                if entity == "LOCATION" and (cue == EXPLICIT or (cue == GOOD and (DETERMINER.search(
                        text, max(0, start - 12), start) or _signature_place(text, start, tail.end())))):
                    end = tail.end()
                else:
                    entity = None
            if entity is None:
                entity, cue = classify(text, start, end, title, words)
            if entity == "PERSON" and (any(t.casefold().strip(".,") in ORGANISATION_WORDS for t in tokens)
                                       or (cue < EXPLICIT and street(text, start, end))):
                entity = None  # "Northwind Traders", "Calle Comercio 214"
            if entity and text.startswith(("(", "["), end):
                continue  # "name = Column(String(50))": a call or an index in code, whatever the label says
            if entity and cue < EXPLICIT and not_personal(text, start, end, strict=cue == WEAK):
                continue
            if entity == "PERSON" and cue < EXPLICIT and everyday_phrase(text[start:end]):
                continue  # "See also\n\nPattern Matching", "by Enhanced Generators"
            if entity is None:
                # NER spans are short and do not overlap: the ones that can overlap the run start a little before it.
                near = ner[max(0, bisect.bisect_left(ner_starts, start) - 1):bisect.bisect_left(ner_starts, end)]
                overlapping = [label for a, b, label in near if a < end and start < b and
                               plausible("PERSON" if label == "PERSON" else "LOCATION", text, a, b)]
                entity = ("PERSON" if "PERSON" in overlapping else
                          "LOCATION" if {"LOCATION", "GPE", "LOC"} & set(overlapping) else None)
            if entity is None and all(CASELESS.match(t) for t in tokens) and island(text, start, end):
                entity = "LOCATION" if CASELESS_PLACE.search(tokens[-1]) else "PERSON"
            if (entity in (None, "LOCATION") and results and results[-1].entity_type == "PERSON" and not title
                    and AFTER_PERSON.fullmatch(text, results[-1].end, start)
                    and (PLACE_END.match(text, end) or SENTENCE_TAIL.match(text, end))
                    and not not_personal(text, start, end, strict=False)):
                entity = "LOCATION"  # "Late registration: Ben Burton, Hathercombe.": where the person is
                end = tail.end() if (tail := SENTENCE_TAIL.match(text, end)) else end
            elif (entity in (None, "LOCATION") and results and results[-1].entity_type == "PERSON" and not title
                    and len(tokens) > 1 and tokens[0] in ("of", "from")  # the particle opened the run
                    and OF_PLACE.fullmatch(text, results[-1].end, _skip_word(text, start))):
                start = _skip_word(text, start)
                tail = PLACE_TAIL.match(text, end)
                if text.startswith(",", tail.end() if tail else end) and not not_personal(text, start, end,
                                                                                           strict=False):
                    entity, end = "LOCATION", tail.end() if tail else end
            if entity in wanted and not (entity == "PERSON" and (job_title(text[start:end])
                                                                 or date_words(text[start:end]))):
                label = (LABEL_CUE if entity == "PERSON" else PLACE_LABEL).search(_line(text, start, end)[0])
                # "From  Abak  To  Agwara" is a route: a mail header's labels do not outrank the model
                labelled = label and not MAIL_HEADER_LABEL.match(label.group())
                results.append(RecognizerResult(entity, start, end, self.score + (FIELD_BONUS if labelled else 0)))
        # A value named by its structure (a column, a field, a label line) outranks a guess from its shape.
        fields, things = _quoted_fields(original)
        results += [RecognizerResult(entity, a, b, self.score + FIELD_BONUS)
                    for a, b, entity in table_columns(original) + whole_line_places(original)
                    + chat_speakers(original) + pnr_names(original) + gedcom_fields(original) + capital_values(text)
                    + edifact_fields(original) + spoken_values(original) + scan_places(original)
                    + surname_first(text) + family_in_capitals(text)
                    + fields + xml_fields(original) if entity in wanted and (a, b) != (0, 0)]
        results = [r for r in results if not (r.entity_type == "PERSON" and (r.start, r.end) in things)]
        return widen(text, results)  # "On Tuesday Dipl.-Ing. Lucie Klausner", "село Херсон"


# An academic degree after a name and a comma, written with dots: "Puti Irma Palastri, S.H.", ", S.I.Kom", ", M.Farm".
DEGREE_AFTER = regex.compile(r",[ \t]*(?:\p{Lu}\p{L}{0,3}\.){1,3}(?:\p{Lu}\p{L}{0,4}\.?)?(?=[\s,;()]|$)")


# A middle initial closing a name at the end of its field: "Aiono Malaki A", "Smith J.," (HL7 and registers).
INITIAL_AFTER = regex.compile(r"[ \t]\p{Lu}\.?(?=[ \t]*(?:$|[,;|)\n]))", regex.M)


NEXT_PLACE_WORD = regex.compile(r"[ \t]\p{L}[\p{L}\p{M}'’‘-]*")


# Abbreviated titles of any language before a name: "Doç.", "Arş. Gör.", "Drs.", "Dr(a).", "Sr(a).".
ABBREVIATED_TITLE = regex.compile(r"(?:(?<![\p{L}\d.])\p{Lu}\p{Ll}{0,4}(?:\(\p{Ll}{1,2}\))?\.[ \t]+){1,2}$")


def widen(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Every detector's names and places with what belongs to them but no detector takes in: an honorific before
    a name ("Г-ца", "Dipl.-Ing."), a degree after it, a settlement word before a place ("село", "Thành phố")."""
    for result in results:
        if result.entity_type == "PERSON":
            while before := (TITLE_BEFORE.search(text, max(0, result.start - 24), result.start)
                             or ABBREVIATED_TITLE.search(text, max(0, result.start - 24), result.start)):
                result.start = before.start()
            if degree := DEGREE_AFTER.match(text, result.end):
                result.end = degree.end()
            elif initial := INITIAL_AFTER.match(text, result.end):
                result.end = initial.end()
        elif result.entity_type == "LOCATION":
            if settlement := SETTLEMENT_BEFORE.search(text, max(0, result.start - 24), result.start):
                result.start = settlement.start()
            last = text[result.start:result.end].rsplit(maxsplit=1)[-1:]
            if last and last[0].casefold() in PLACE_PREFIXES and (word := NEXT_PLACE_WORD.match(text, result.end)):
                result.end = word.end()  # "Aşağı düz", "Փոքր ավան", "San nueva"
    return results
