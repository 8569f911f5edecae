"""Signed reports (issue 14, docs/kpis.md "Reports"): the daily report and the monthly VIP
summary as PDFs with charts, signed like an act, their figures as CSV; the shift
handover for the incoming team. Qt-free."""
