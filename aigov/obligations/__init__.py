"""EU AI Act obligations: the Act as data (`text`), citations to ids (`citations`), and which
obligations apply to one record by role, tier and date (`engine`)."""
