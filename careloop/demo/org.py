"""Northshire's organisation and its demo accounts, one per role."""

from __future__ import annotations

from careloop.core.access import Designation
from careloop.core.models import Directorate, ServiceArea, Team, User
from careloop.core.permissions import Role

DEMO_PASSWORD = "northshire-demo"  # noqa: S105 - the published demo password, not a secret

STRUCTURE = {
    "Adult Social Care and Health": {
        "Assessment and Care Management": [
            "North Locality Team",
            "South Locality Team",
            "East Locality Team",
            "Hospital Discharge Team",
            "Transitions Team",
        ],
        "Safeguarding and Quality": [
            "Adult Safeguarding Hub",
            "Quality Assurance and Improvement Team",
            "Deprivation of Liberty Safeguards Team",
        ],
        "Commissioning and Provider Services": [
            "Commissioning Team",
            "Brokerage Team",
            "Direct Payments Team",
        ],
        "Mental Health and Learning Disability": [
            "Community Mental Health Social Work Team",
            "Approved Mental Health Professional Service",
            "Learning Disability Team",
        ],
        "Customer and Business Support": [
            "Complaints and Customer Relations Team",
            "Financial Assessment and Charging Team",
            "Social Work Learning Academy",
        ],
    }
}

# email, name, job title, role, team
ACCOUNTS: list[tuple[str, str, str, Role, str | None]] = [
    (
        "admin@northshire.example",
        "Alex Morgan",
        "careloop administrator",
        Role.ADMIN,
        "Quality Assurance and Improvement Team",
    ),
    (
        "quality.lead@northshire.example",
        "Priya Shah",
        "Head of Quality and Improvement",
        Role.QUALITY_LEAD,
        "Quality Assurance and Improvement Team",
    ),
    (
        "complaints@northshire.example",
        "Jordan Reid",
        "Complaints Manager",
        Role.QUALITY_LEAD,
        "Complaints and Customer Relations Team",
    ),
    (
        "manager@northshire.example",
        "Sam Okafor",
        "Team Manager, North Locality",
        Role.MANAGER,
        "North Locality Team",
    ),
    (
        "practitioner@northshire.example",
        "Chris Doyle",
        "Social Worker",
        Role.PRACTITIONER,
        "North Locality Team",
    ),
    (
        "viewer@northshire.example",
        "Councillor Jo Hart",
        "Cabinet Member for Adult Social Care",
        Role.VIEWER,
        None,
    ),
]

# The named posts the seed's work needs (settings on the user record, not roles): who reads
# private supervision sections and restricted complaints, and who may lift a restriction.
DESIGNATIONS: dict[str, list[str]] = {
    "quality.lead@northshire.example": [Designation.PRINCIPAL_SOCIAL_WORKER],
    "complaints@northshire.example": [Designation.COMPLAINTS_MANAGER],
    "admin@northshire.example": [Designation.DATA_PROTECTION_OFFICER],
}


def load(log) -> None:
    teams: dict[str, Team] = {}
    for directorate_name, services in STRUCTURE.items():
        directorate, _ = Directorate.objects.get_or_create(name=directorate_name)
        for service_name, team_names in services.items():
            service, _ = ServiceArea.objects.get_or_create(
                directorate=directorate, name=service_name
            )
            for team_name in team_names:
                teams[team_name], _ = Team.objects.get_or_create(service=service, name=team_name)

    for email, name, title, role, account_team in ACCOUNTS:
        user = User.objects.filter(email=email).first() or User(email=email)
        user.full_name, user.job_title, user.role = name, title, role
        user.team = teams.get(account_team) if account_team else None
        user.is_active = True
        user.designations = [str(d) for d in DESIGNATIONS.get(email, [])]
        if not user.pk or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
        user.save()

    manager = User.objects.get(email="manager@northshire.example")
    practitioner = User.objects.get(email="practitioner@northshire.example")
    if practitioner.line_manager_id != manager.pk:
        practitioner.line_manager = manager
        practitioner.save()
    north = teams["North Locality Team"]
    if north.manager_id != manager.pk:
        north.manager = manager
        north.save()
    log(f"Northshire organisation: {len(teams)} teams, {len(ACCOUNTS)} demo accounts")
