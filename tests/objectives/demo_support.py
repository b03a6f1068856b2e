"""What the `load_demo` tests share: the demo agencies, a stand-in for the renderer."""

from objectives.models import ObjectiveSet

DONG_NAI, BA_RIA, QUANG_NAM = (
    "VP UBND Đồng Nai",
    "Ban TĐKT Bà Rịa - Vũng Tàu",
    "Sở VHTTDL Quảng Nam",
)
# Just enough of a PDF for the workflow to store; the real renderer runs in one test
# (test_load_demo_command.py).
TINY_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n%%EOF\n"


def issued(short_name: str) -> ObjectiveSet:
    return ObjectiveSet.objects.get(agency__short_name=short_name, revision=0, status="published")
