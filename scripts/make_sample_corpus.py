"""Generate the demo corpus in include/sample_corpus/ (deterministic: same seed, same bytes).

The corpus is the internal engineering wiki of a fictional company, Northwind Cloud: runbooks, how-tos,
policies and FAQs on a dozen topics, so semantic search has something real to find. Planted on purpose and
listed in MANIFEST.json so tests can check what the pipeline does with them:

- exact duplicates (same text under another name or format), near-duplicates (small edits),
- documents with realistic PII (emails, phone numbers, card numbers incl. Mastercard 2-series and 15-digit
  Amex, IBANs, person names),
- junk and low-quality pages, a boilerplate-only HTML page, a corrupt PDF,
- non-English documents (German, French), and one file that is not valid UTF-8 (Windows-1252).

Usage: python scripts/make_sample_corpus.py [--out include/sample_corpus] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from datetime import UTC, datetime
from pathlib import Path

SERVICES = ["billing-api", "orders-service", "search-indexer", "auth-gateway", "ledger", "notifications"]
TEAMS = ["Platform", "Payments", "Search", "Identity", "Data", "SRE"]
REGIONS = ["eu-west-1", "eu-central-1", "us-east-1"]

TOPICS: dict[str, dict[str, list[str]]] = {
    "postgres-backup": {
        "titles": ["PostgreSQL backup and point-in-time recovery", "Restoring a PostgreSQL database from WAL archives",
                   "Runbook: PostgreSQL base backups", "Verifying PostgreSQL backups every week"],
        "sentences": [
            "Every production PostgreSQL cluster takes a nightly base backup with pg_basebackup and streams its "
            "write-ahead log to the archive bucket in {region}.",
            "Point-in-time recovery replays archived WAL segments on top of the latest base backup until the "
            "recovery_target_time you choose.",
            "Before restoring, stop the application writers for {service} so no new transactions race the recovery.",
            "Set restore_command in postgresql.conf to fetch WAL files from the archive, then create recovery.signal "
            "in the data directory.",
            "A backup that has never been restored is not a backup, so the {team} team restores one cluster every week "
            "into a scratch instance and runs the consistency checks.",
            "Keep at least {n} days of WAL archives; the retention job deletes older segments only after a newer base "
            "backup has been verified.",
            "pg_verifybackup checks the backup manifest against the files on disk and fails loudly on a missing or "
            "altered file.",
            "If the restore stops with 'requested timeline is not a child of this server's history', you picked a "
            "target time before the last promotion.",
            "Logical dumps with pg_dump are still useful for moving a single schema, but they are not our disaster "
            "recovery mechanism.",
            "Recovery time for a {n} GB database is dominated by WAL replay; parallel restore of the base backup "
            "takes only minutes.",
        ],
    },
    "k8s-rollback": {
        "titles": ["Rolling back a Kubernetes deployment", "Kubernetes rollout troubleshooting",
                   "Runbook: failed deploys on Kubernetes", "Readiness probes and safe rollouts"],
        "sentences": [
            "When a rollout of {service} goes wrong, run kubectl rollout undo deployment/{service} to return to the "
            "previous ReplicaSet.",
            "kubectl rollout status blocks until the new pods are ready or the progress deadline of {n} seconds "
            "expires.",
            "A readiness probe that checks the real dependencies keeps broken pods out of the Service endpoints "
            "during a rolling update.",
            "Set maxUnavailable to zero and maxSurge to one for stateful front ends so capacity never drops during "
            "a deploy.",
            "kubectl rollout history shows each revision with its change-cause annotation, which our CI sets to the "
            "git commit.",
            "Crash-looping pods usually mean a missing secret or config map; describe the pod and read the events "
            "before rolling back.",
            "Argo CD will re-apply the broken manifest unless you also revert the commit in the deployment "
            "repository.",
            "The {team} team keeps the last {n} ReplicaSets with revisionHistoryLimit so a rollback never needs a "
            "rebuild.",
            "Horizontal pod autoscaling reacts to CPU within a minute, but a bad image stays bad however many "
            "replicas you run.",
            "After the rollback, open an incident ticket and attach the output of kubectl get events for the "
            "namespace.",
        ],
    },
    "incident-response": {
        "titles": ["Incident response and on-call", "How we run incidents", "Severity levels and escalation",
                   "Writing a blameless postmortem"],
        "sentences": [
            "The on-call engineer acknowledges a page within {n} minutes and declares an incident in the "
            "#incidents channel.",
            "Severity 1 means customers cannot pay or log in; it wakes up the incident commander and the {team} lead.",
            "The incident commander coordinates, the operations lead changes production, and the scribe keeps the "
            "timeline.",
            "Status page updates go out every thirty minutes during a severity 1 incident, even when nothing changed.",
            "A blameless postmortem explains how the system allowed the failure instead of who pressed the button.",
            "Every postmortem lists action items with owners and due dates, tracked until they are closed.",
            "Escalate to the database on-call when replication lag on {service} exceeds {n} seconds.",
            "Handover between on-call shifts happens at 09:00 with a written summary of open alerts.",
            "Pager fatigue is a reliability risk: alerts that fire without action needed are deleted or fixed.",
            "Game days rehearse failure of a whole region such as {region} twice a year.",
        ],
    },
    "expenses": {
        "titles": ["Expense and travel policy", "How to claim expenses", "Travel booking rules",
                   "Per diem and meal allowances"],
        "sentences": [
            "Submit expense claims within {n} days of the purchase, with an itemised receipt for anything above "
            "twenty-five euros.",
            "Economy class is the default for flights under six hours; longer flights may be booked in premium "
            "economy.",
            "The per diem for meals covers breakfast, lunch and dinner; do not claim individual meals as well.",
            "Hotel bookings go through the travel portal so the company can reach you in an emergency.",
            "Mileage for private cars is reimbursed at the statutory rate per kilometre.",
            "Conference tickets need your manager's approval before you buy them.",
            "Lost receipts need a signed declaration stating the date, amount and business purpose.",
            "Finance reimburses approved claims with the next monthly payroll run.",
            "Alcohol is not reimbursed, except at client dinners approved by a director.",
            "Corporate cards must not be used for personal purchases, even if you pay the amount back.",
        ],
    },
    "onboarding": {
        "titles": ["Onboarding guide for new engineers", "Your first week at Northwind",
                   "Developer laptop setup", "Getting access to systems"],
        "sentences": [
            "On your first day you receive a laptop with disk encryption enabled and a hardware security key.",
            "Request access to production through the access portal; approvals come from your team lead and the "
            "{team} team.",
            "Your onboarding buddy pairs with you on your first merge request, usually a small fix in {service}.",
            "Install the developer tooling with the bootstrap script, which sets up Python, Docker and the VPN "
            "client.",
            "Read the architecture overview and the incident response guide during your first week.",
            "Security training is mandatory within {n} days of your start date.",
            "Every engineer joins the on-call rotation after shadowing two shifts.",
            "Ask questions in the #help-engineering channel; nobody expects you to know our acronyms yet.",
            "The engineering handbook explains code review, release trains and how we write design documents.",
            "At the end of your first month you and your manager agree on goals for the quarter.",
        ],
    },
    "kafka-lag": {
        "titles": ["Troubleshooting Kafka consumer lag", "Kafka partitions and consumer groups",
                   "Runbook: growing consumer lag", "Rebalancing Kafka consumers"],
        "sentences": [
            "Consumer lag is the difference between the log end offset of a partition and the committed offset of "
            "the consumer group.",
            "When lag on the {service} consumer group grows for more than {n} minutes, "
            "the alert pages the owning team.",
            "Adding consumers helps only up to the number of partitions; extra consumers in a group sit idle.",
            "Frequent rebalances stop consumption; check max.poll.interval.ms against the slowest message handler.",
            "A poison message that always fails will block its partition; send it to the dead letter topic and move "
            "on.",
            "Use kafka-consumer-groups --describe to see lag per partition and spot a single stuck partition.",
            "Increasing partitions changes key-to-partition mapping, so ordering guarantees break for existing keys.",
            "Batch size and fetch.min.bytes trade latency for throughput on the consumer side.",
            "Idempotent consumers make redelivery after a rebalance harmless.",
            "Broker disk usage in {region} must stay below {n} percent or producers start to see timeouts.",
        ],
    },
    "tls-certificates": {
        "titles": ["TLS certificate renewal", "cert-manager and certificate expiry",
                   "Runbook: expired certificate", "Managing TLS certificates"],
        "sentences": [
            "cert-manager renews Let's Encrypt certificates thirty days before expiry using the DNS-01 challenge.",
            "An expiry alert fires {n} days before a certificate lapses if renewal has not succeeded.",
            "Check the Certificate resource status and the cert-manager logs when a renewal is stuck.",
            "Internal services use certificates from our private certificate authority with a ninety day lifetime.",
            "Never commit private keys to git; they live in the secrets manager and are mounted at runtime.",
            "Mutual TLS between {service} and the gateway requires both client and server certificates to be valid.",
            "openssl s_client shows the chain a server presents, which reveals a missing intermediate certificate.",
            "Certificate pinning in mobile apps makes rotation painful, so we pin the public key of the CA instead.",
            "Wildcard certificates are allowed only for the staging domains.",
            "Rotation of the private CA root is rehearsed every year by the {team} team.",
        ],
    },
    "data-retention": {
        "titles": ["Data retention and deletion requests", "Handling GDPR erasure requests",
                   "Retention schedule for customer data", "Personal data in logs"],
        "sentences": [
            "Customer data is kept for as long as the contract runs and deleted {n} days after it ends.",
            "An erasure request under GDPR Article 17 must be completed within one month of receipt.",
            "Deletion must reach every copy: the primary database, replicas, search indexes, caches and backups "
            "as they expire.",
            "Application logs must not contain personal data; mask email addresses and card numbers before logging.",
            "The data protection officer keeps the register of processing activities up to date.",
            "Backups are not edited to delete one person; instead the deletion is re-applied after any restore.",
            "Analytics tables hold pseudonymised identifiers only; the mapping table lives in a restricted schema.",
            "Retention jobs run nightly and report how many rows they removed to the {team} team.",
            "Legal holds suspend deletion for the records they cover until legal releases them.",
            "Training data for machine learning models is subject to the same retention rules as the source data.",
        ],
    },
    "ci-caching": {
        "titles": ["Speeding up CI with caches", "CI pipeline caching", "Fixing flaky tests in CI",
                   "Build artifacts and caches"],
        "sentences": [
            "The CI pipeline caches dependencies keyed on the hash of the lock file, so a cache hit skips the install.",
            "A cold build of {service} takes {n} minutes; with a warm cache it takes under five.",
            "Docker layer caching works only when the Dockerfile copies the lock file before the source code.",
            "Flaky tests are quarantined by label and must be fixed within two weeks or deleted.",
            "Test sharding splits the suite across runners by the timing data of the previous run.",
            "Build artifacts are kept for {n} days; release artifacts are promoted to the artifact registry.",
            "Never cache secrets or build outputs that depend on the branch name.",
            "Remote build caches need a stable toolchain version or every key misses.",
            "A failing main branch blocks all merges until the {team} team fixes or reverts the change.",
            "CI runners autoscale in {region} between two and forty machines.",
        ],
    },
    "redis-cache": {
        "titles": ["Redis caching guidelines", "Redis eviction and memory limits", "Runbook: Redis memory pressure",
                   "Cache invalidation patterns"],
        "sentences": [
            "Every Redis instance sets maxmemory and an eviction policy; we use allkeys-lru for caches.",
            "Keys must carry a TTL; a cache without expiry becomes a database nobody backs up.",
            "When used memory reaches {n} percent of maxmemory, the alert pages the {team} team.",
            "Cache stampedes happen when many clients miss the same key; use request coalescing or early refresh.",
            "Do not store sessions in the cache cluster; sessions live in the dedicated Redis with persistence.",
            "Large values above one megabyte slow down the single-threaded event loop for everyone.",
            "Use SCAN instead of KEYS in production; KEYS blocks the server while it walks the keyspace.",
            "Invalidate on write for data that must be fresh, and accept staleness for catalogue pages.",
            "The {service} cache hit ratio should stay above ninety percent.",
            "Redis replication is asynchronous, so a failover can lose the last writes.",
        ],
    },
    "terraform-state": {
        "titles": ["Terraform state and locking", "Working with Terraform safely", "Runbook: stuck Terraform lock",
                   "Terraform module conventions"],
        "sentences": [
            "Terraform state lives in a versioned bucket with a lock table, so two applies never run at once.",
            "A stuck lock after a crashed apply is released with terraform force-unlock and the lock id.",
            "Every change goes through a plan in the merge request; nobody applies from a laptop.",
            "Modules are versioned and pinned; the {team} team publishes them in the internal registry.",
            "Import existing resources with terraform import before managing them, or Terraform will try to "
            "create duplicates.",
            "Drift detection runs every {n} hours and opens a ticket when reality differs from the code.",
            "Sensitive outputs are marked sensitive so they never appear in CI logs.",
            "Use workspaces per environment only for identical stacks; otherwise use separate state files.",
            "The state file can contain secrets, so access to the state bucket is restricted.",
            "Provider upgrades are done one provider at a time with a plan that shows no changes.",
        ],
    },
    "support-escalation": {
        "titles": ["Customer support escalation", "Escalating tickets to engineering",
                   "Support tiers and response times", "Handling enterprise customer issues"],
        "sentences": [
            "Tier one support answers within {n} hours and escalates bugs with reproduction steps to engineering.",
            "Enterprise customers have a named technical account manager and a four hour response time.",
            "Engineering triages escalated tickets daily and links them to the bug tracker.",
            "Never ask a customer to send passwords or full card numbers in a ticket.",
            "Refunds above five hundred euros need approval from the finance team.",
            "A known issue article is published when more than {n} customers report the same problem.",
            "Support engineers can read but not change customer configuration in the admin console.",
            "Outages are communicated through the status page, not by individual tickets.",
            "Customer satisfaction is surveyed after every closed ticket.",
            "The {team} team runs a weekly review of the ten oldest open escalations.",
        ],
    },
}

FIRST = ["Anna", "Lukas", "Sofia", "Mateo", "Priya", "Jonas", "Emma", "Omar", "Chloé", "Hiroshi", "Maria", "Daniel"]
LAST = ["Schneider", "García", "Okafor", "Nguyen", "Kowalski", "Rossi", "Dubois", "Jensen", "Patel", "Novak"]
# Valid test numbers of each major network (Luhn-correct): Visa, Mastercard 5-series and 2-series, Amex (15),
# Discover, JCB.
CARDS = ["4111 1111 1111 1111", "5555 5555 5555 4444", "2223 0031 2200 3222", "3782 822463 10005",
         "6011 1111 1111 1117", "3530 1113 3330 0000"]
IBANS = ["DE89 3704 0044 0532 0130 00", "FR14 2004 1010 0505 0001 3M02 606", "GB29 NWBK 6016 1331 9268 19",
         "NL91 ABNA 0417 1643 00"]
PHONES = ["+49 30 901820", "+44 20 7946 0958", "+33 1 42 68 53 00", "(415) 555-0132 ext. 42", "+1 212 555 0199"]

NAV = """<header><nav class="top"><a href="/">Home</a> | <a href="/wiki">Wiki</a> | <a href="/teams">Teams</a> |
<a href="/search">Search</a> | <a href="/login">Sign in</a></nav></header>"""
FOOTER = """<footer><p>© 2026 Northwind Cloud GmbH · <a href="/privacy">Privacy</a> · <a href="/imprint">Imprint</a> ·
<a href="/cookies">Cookie settings</a></p><p>Internal use only. Do not forward.</p></footer>"""


# The evaluation set the shipped policy decontaminates against (include/eval_sets/); the corpus plants a copy.
EVAL_SET = Path(__file__).resolve().parents[1] / "include" / "eval_sets" / "support_qa.jsonl"

def fill(sentence: str, rng: random.Random) -> str:
    return sentence.format(service=rng.choice(SERVICES), team=rng.choice(TEAMS), region=rng.choice(REGIONS),
                           n=rng.choice([3, 5, 7, 10, 14, 15, 30, 45, 60, 80, 90, 120]))


def paragraphs(topic: str, rng: random.Random, n_paragraphs: int) -> list[str]:
    bank = TOPICS[topic]["sentences"]
    out = []
    for _ in range(n_paragraphs):
        out.append(" ".join(fill(s, rng) for s in rng.sample(bank, rng.randint(3, 5))))
    return out


def person(rng: random.Random) -> tuple[str, str]:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    return f"{first} {last}", f"{first.lower().replace('é', 'e')}.{last.lower().replace('í', 'i')}@northwind.example"


def to_markdown(title: str, paras: list[str]) -> str:
    return f"# {title}\n\n" + "\n\n".join(paras) + "\n"


def to_html(title: str, paras: list[str]) -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paras)
    return (f"<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title} - Northwind Wiki</title>"
            f"</head>\n<body>{NAV}\n<aside class=\"sidebar\"><ul><li><a href=\"/wiki/recent\">Recent changes</a></li>"
            f"<li><a href=\"/wiki/random\">Random page</a></li></ul></aside>\n<main><article><h1>{title}</h1>\n{body}\n"
            f"</article></main>\n{FOOTER}</body></html>\n")


def to_pdf(path: Path, title: str, paras: list[str]) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=UTC))  # same bytes on every run
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 10, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    for para in paras:
        pdf.multi_cell(0, 6, para.replace("\u2019", "'"), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    pdf.output(str(path))


def generate(out: Path, seed: int) -> dict:
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    for sub in ("wiki", "html", "notes", "faq", "pdf"):
        (out / sub).mkdir(parents=True)
    manifest: dict[str, list[str]] = {k: [] for k in (
        "clean", "exact_duplicate", "near_duplicate", "pii", "junk", "non_english", "non_utf8", "unextractable")}
    topics = list(TOPICS)
    written: dict[str, str] = {}

    def doc(topic: str, index: int) -> tuple[str, list[str]]:
        title = rng.choice(TOPICS[topic]["titles"])
        return (title if index < 4 else f"{title} ({rng.choice(SERVICES)})"), paragraphs(topic, rng, rng.randint(3, 5))

    # Markdown wiki pages: 5 per topic.
    for t_index, topic in enumerate(topics):
        for i in range(5):
            title, paras = doc(topic, i)
            rel = f"wiki/{topic}-{i + 1:02d}.md"
            (out / rel).write_text(to_markdown(title, paras), encoding="utf-8")
            written[rel] = to_markdown(title, paras)
            manifest["clean"].append(rel)
        del t_index
    # HTML pages with navigation, sidebar and footer boilerplate: 3 per topic.
    for topic in topics:
        for i in range(3):
            title, paras = doc(topic, i)
            rel = f"html/{topic}-{i + 1:02d}.html"
            (out / rel).write_text(to_html(title, paras), encoding="utf-8")
            manifest["clean"].append(rel)
    # Plain-text notes: 2 per topic.
    for topic in topics:
        for i in range(2):
            title, paras = doc(topic, i)
            rel = f"notes/{topic}-{i + 1:02d}.txt"
            (out / rel).write_text(title.upper() + "\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8")
            manifest["clean"].append(rel)
    # FAQ records in one JSONL file: 3 per topic.
    faq_lines = []
    for topic in topics:
        for i in range(3):
            title, paras = doc(topic, i)
            record = {"id": f"faq-{topic}-{i + 1}", "title": title, "text": f"{title}\n\n" + "\n\n".join(paras[:3])}
            faq_lines.append(json.dumps(record, ensure_ascii=False))
            manifest["clean"].append(f"faq/faq.jsonl#L{len(faq_lines)}")
    # PDFs: four handbooks.
    for i, topic in enumerate(["postgres-backup", "incident-response", "expenses", "data-retention"]):
        title, paras = doc(topic, 0)
        rel = f"pdf/{topic}-handbook.pdf"
        to_pdf(out / rel, f"{title} (handbook)", paras + paragraphs(topic, rng, 2))
        manifest["clean"].append(rel)
        del i

    # --- planted exact duplicates: same bytes under another name, and the same text in another format.
    for rel in ["wiki/postgres-backup-01.md", "wiki/kafka-lag-02.md", "wiki/expenses-03.md"]:
        copy = rel.replace(".md", "-copy.md")
        shutil.copy(out / rel, out / copy)
        manifest["exact_duplicate"].append(copy)
    body = written["wiki/tls-certificates-01.md"]
    (out / "notes/tls-certificates-export.txt").write_text(body, encoding="utf-8")
    manifest["exact_duplicate"].append("notes/tls-certificates-export.txt")
    faq_lines.append(json.dumps({"id": "faq-dup-onboarding", "text": written["wiki/onboarding-02.md"]}))
    manifest["exact_duplicate"].append(f"faq/faq.jsonl#L{len(faq_lines)}")

    # --- near-duplicates: a word changed, a sentence added, whitespace and punctuation edits.
    edits = [
        ("wiki/k8s-rollback-01.md", lambda s: s.replace("previous", "prior", 1)),
        ("wiki/redis-cache-02.md", lambda s: s.rstrip() + "\n\nUpdated by the SRE team.\n"),
        ("wiki/incident-response-03.md", lambda s: s.replace(". ", ".  ", 3).replace(",", ";", 1)),
        ("wiki/terraform-state-01.md", lambda s: s.replace("Terraform", "terraform", 2)),
        ("wiki/ci-caching-04.md", lambda s: "Draft - " + s),
    ]
    for rel, edit in edits:
        near = rel.replace(".md", "-v2.md")
        (out / near).write_text(edit(written[rel]), encoding="utf-8")
        manifest["near_duplicate"].append(near)

    # --- PII: support tickets, an HR note, a payment dispute, an on-call roster.
    for i in range(8):
        name, email = person(rng)
        other, other_email = person(rng)
        card = CARDS[i % len(CARDS)]
        iban = IBANS[i % len(IBANS)]
        phone = PHONES[i % len(PHONES)]
        topic = rng.choice(["support-escalation", "expenses", "incident-response"])
        text = (
            f"# Ticket NW-{4100 + i}: {rng.choice(TOPICS[topic]['titles'])}\n\n"
            f"Reported by {name} ({email}), phone {phone}. Assigned to {other} <{other_email}>.\n\n"
            + "\n\n".join(paragraphs(topic, rng, 2))
            + f"\n\nThe customer pasted their card number {card} into the chat and asked for a refund to IBAN {iban}. "
            f"We replied that card numbers must never be sent in a ticket and removed it from the chat history. "
            f"{name} confirmed the refund by phone; the request was logged from IP 81.2.69.{10 + i}.\n"
        )
        rel = f"notes/ticket-nw-{4100 + i}.md"
        (out / rel).write_text(text, encoding="utf-8")
        manifest["pii"].append(rel)

    # --- junk and low quality.
    junk = {
        "notes/todo.txt": "TODO\n\n- fix\n- later\n",
        "notes/lorem.txt": ("Lorem ipsum " * 3).strip() + "\n",
        "notes/table-dump.txt": "\n".join(" | ".join(str(rng.randint(0, 99999)) for _ in range(8))
                                          for _ in range(40)) + "\n",
        "wiki/click-here.md": "# WIN NOW\n\n$$$ >>> click here <<< $$$ !!! *** ### ### ### $$$ >>> <<< !!! @@@ ###\n",
        "html/redirect.html": "<!doctype html><html><head><meta http-equiv=\"refresh\" content=\"0; url=/wiki\">"
                              "<title>Moved</title></head><body><a href=\"/wiki\">Moved</a></body></html>\n",
    }
    for rel, text in junk.items():
        (out / rel).write_text(text, encoding="utf-8")
        manifest["junk"].append(rel)
    (out / "html/nav-only.html").write_text(
        f"<!doctype html><html><head><title>Index</title></head><body>{NAV}{FOOTER}</body></html>\n", encoding="utf-8")
    manifest["unextractable"].append("html/nav-only.html")
    (out / "pdf/corrupt-scan.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\ntrunc")
    manifest["unextractable"].append("pdf/corrupt-scan.pdf")
    faq_lines.append('{"id": "faq-broken", "text": "unterminated')
    manifest["unextractable"].append(f"faq/faq.jsonl#L{len(faq_lines)}")

    # --- non-English.
    german = (
        "# Sicherung und Wiederherstellung von PostgreSQL\n\n"
        "Jede produktive PostgreSQL-Datenbank erstellt jede Nacht eine Basissicherung mit pg_basebackup. "
        "Das Write-Ahead-Log wird fortlaufend in den Archiv-Bucket übertragen, damit eine Wiederherstellung "
        "zu einem beliebigen Zeitpunkt möglich ist. Vor der Wiederherstellung müssen alle schreibenden Dienste "
        "angehalten werden, damit keine neuen Transaktionen mit der Wiederherstellung konkurrieren.\n\n"
        "Eine Sicherung, die nie wiederhergestellt wurde, ist keine Sicherung. Deshalb stellt das Plattform-Team "
        "jede Woche einen Cluster in einer Testumgebung wieder her und prüft die Konsistenz der Daten. "
        "Archivierte WAL-Segmente werden mindestens vierzehn Tage lang aufbewahrt.\n"
    )
    french = (
        "# Politique de remboursement des frais\n\n"
        "Les notes de frais doivent être soumises dans les trente jours suivant l'achat, accompagnées d'un reçu "
        "détaillé pour toute dépense supérieure à vingt-cinq euros. La classe économique est la règle pour les vols "
        "de moins de six heures. Les réservations d'hôtel passent par le portail de voyage afin que l'entreprise "
        "puisse vous joindre en cas d'urgence.\n\n"
        "Les indemnités kilométriques sont remboursées au taux légal. Les billets de conférence nécessitent "
        "l'accord préalable de votre responsable. L'alcool n'est pas remboursé, sauf lors de dîners avec des "
        "clients approuvés par un directeur.\n"
    )
    (out / "wiki/postgres-sicherung.de.md").write_text(german, encoding="utf-8")
    (out / "wiki/frais-politique.fr.md").write_text(french, encoding="utf-8")
    manifest["non_english"] += ["wiki/postgres-sicherung.de.md", "wiki/frais-politique.fr.md"]

    # --- not UTF-8: a Windows-1252 export with curly quotes, a euro sign and umlauts.
    legacy = (
        "MEETING NOTES \u2013 Müller & Söhne migration\n\n"
        "Jürgen from the Data team said the \u201clegacy\u201d export runs nightly "
        "and costs about 40 \u20ac per month. "
        "The export job reads the orders-service replica, writes a CSV file per day and uploads it to the partner's "
        "SFTP server. Nobody has checked whether the partner still reads these files. "
        "Action items: confirm with the partner, switch the export to the event stream, and delete the old SFTP "
        "credentials once the switch is done. The team agreed to review the cost again after the migration and to "
        "document the new flow in the wiki before the end of the quarter.\n"
    )
    (out / "notes/legacy-export-cp1252.txt").write_bytes(legacy.encode("cp1252"))
    manifest["non_utf8"].append("notes/legacy-export-cp1252.txt")

    # --- contaminated: a support digest that copies two items of the evaluation set verbatim.
    eval_items = [json.loads(line) for line in EVAL_SET.read_text(encoding="utf-8").splitlines() if line.strip()]
    digest = "# Support digest: questions of the week\n\n" + "\n\n".join(
        f"Q: {item['question']}\n\nA: {item['answer']}" for item in (eval_items[0], eval_items[3])
    ) + "\n\nBoth answers were checked by the support leads and added to the onboarding material for new agents.\n"
    (out / "notes/support-digest.md").write_text(digest, encoding="utf-8")
    manifest["contaminated"] = ["notes/support-digest.md"]

    (out / "faq/faq.jsonl").write_text("\n".join(faq_lines) + "\n", encoding="utf-8")
    manifest["seed"] = [str(seed)]
    (out / "MANIFEST.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return manifest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "include" / "sample_corpus")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    manifest = generate(args.out, args.seed)
    total = sum(len(v) for k, v in manifest.items() if k != "seed")
    print(f"wrote {total} documents to {args.out}: " + ", ".join(
        f"{k} {len(v)}" for k, v in manifest.items() if k != "seed"))


if __name__ == "__main__":
    main()
