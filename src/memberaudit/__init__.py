"""memberaudit: audit party membership rosters kept in Excel workbooks."""

__version__ = "0.1.0"
