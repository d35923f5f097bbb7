"""The DOCX writer (python-docx): GB/T 9704 styles, odd/even page-number footers."""
