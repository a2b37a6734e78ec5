"""Server-rendered pages (Jinja2), in bokmål or English."""
