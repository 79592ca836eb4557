#!/usr/bin/env python3
"""Writes the reference import file: N SharePoint-like request rows x 12 columns.

Usage: gen_requests.py OUT.csv [ROWS]   (ROWS defaults to 1,000,000, ~270 MB)

The rows are deterministic (fixed seed) so every run measures the same bytes:
ids, titles, categories, departments, people, e-mails, created/resolved
datetimes, state, priority, free text with commas, quotes and newlines, and
satisfaction 1-5 or empty.
"""
import csv
import random
import sys
from datetime import datetime, timedelta

FIRST = ["Ana", "Lee", "Zoë", "Miriam", "Nestor", "Grady", "Johanna", "Kenji", "Renée", "Diego",
         "Fatima", "Isaiah", "Megan", "Lidia", "Patti", "Alex", "O'Neil", "Søren", "Chloé", "Pradeep"]
LAST = ["Khan", "Wilke", "Müller", "Ødegaard", "Fernandez", "Gupta", "Bowen", "Archie", "Sherman",
        "Langer", "Dubois", "Tanaka", "Cerveny", "Holloway", "Siciliani", "Graham", "Robbins", "Gu"]
CATEGORIES = ["Hardware", "Software", "Access", "Facilities", "Payroll", "Onboarding", "Travel",
              "Procurement", "Contracts", "Reporting"]
DEPARTMENTS = ["Human Resources", "Finance", "Procurement", "Facilities", "Legal", "IT", "Sales",
               "Marketing"]
STATES = ["New", "In Progress", "On Hold", "Resolved", "Closed", "Cancelled"]
PRIORITIES = ["1 - Critical", "2 - High", "3 - Moderate", "4 - Low"]
SUBJECTS = ["laptop", "badge", "invoice", "contract", "desk", "report", "licence", "payslip",
            "purchase order", "meeting room", "VPN token", "expense claim"]
VERBS = ["Replace", "Request", "Renew", "Fix", "Approve", "Update", "Order", "Cancel", "Review"]
NOTES = [
    "Please handle before Friday, thanks",
    'User says "it worked yesterday", needs a check',
    "Approved by finance, waiting on IT",
    "Line one\nline two of the note, with a comma",
    "Cost centre 4410, project \"Atlas\"",
    "See attached; call ext. 4411 if unclear",
    "",
]


ASCII = str.maketrans({"ë": "e", "é": "e", "ü": "ue", "Ø": "O", "ø": "o", "'": ""})


def stamp(t):
    hour = t.hour % 12 or 12
    return f"{t.month}/{t.day}/{t.year} {hour}:{t.minute:02d} {'AM' if t.hour < 12 else 'PM'}"


def main():
    out = sys.argv[1]
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    rnd = random.Random(20260425)
    start = datetime(2024, 1, 1)
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["ID", "Title", "Category", "Department", "Requested By", "Requester Email",
                    "Created", "Resolved", "State", "Priority", "Description", "Satisfaction"])
        for i in range(1, rows + 1):
            first, last = rnd.choice(FIRST), rnd.choice(LAST)
            created = start + timedelta(minutes=rnd.randrange(0, 60 * 24 * 800))
            state = rnd.choice(STATES)
            resolved = ""
            if state in ("Resolved", "Closed"):
                resolved = stamp(created + timedelta(minutes=rnd.randrange(5, 60 * 24 * 30)))
            note = rnd.choice(NOTES)
            text = f"{rnd.choice(VERBS)} {rnd.choice(SUBJECTS)} for {first} {last}. {note}"
            w.writerow([
                i,
                f"{rnd.choice(VERBS)} {rnd.choice(SUBJECTS)} #{rnd.randrange(1000, 99999)}",
                rnd.choice(CATEGORIES),
                rnd.choice(DEPARTMENTS),
                f"{first} {last}",
                f"{first.lower()}.{last.lower()}@contoso.com".translate(ASCII),
                stamp(created),
                resolved,
                state,
                rnd.choice(PRIORITIES),
                text * rnd.choice((1, 2, 2)),
                rnd.choice(["1", "2", "3", "4", "5", "", ""]) if resolved else "",
            ])


if __name__ == "__main__":
    main()
