"""The report files: CSV, XLSX, the council PDF, and the SVG charts the PDF and the staff page
share. Every file is made from `tables.report_output(…, suppressed=True)`: exports are always
small-cell suppressed."""
