"""The review of issue 29 on the figures work: SVG drawings that still reach
outside themselves once in a reading system: SMIL animations that set a
link's address, and `url(` written with CSS escapes.  `check_svg` refuses
them (they passed it, and were copied into the EPUB as they were)."""

from __future__ import annotations

import pytest

from warraq.publishing.images import ImageError, check_svg

HEAD = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">'

SVGS = {
    # SMIL: the link's address set to a script when the drawing is shown
    "set-href": '<a xlink:href="#x"><set attributeName="xlink:href" to="javascript:alert(1)"/><rect/></a>',
    # SMIL: the picture's address animated to a remote one
    "animate-href": '<image xlink:href="#a"><animate attributeName="href" values="http://example.net/x.png"/></image>',
    # CSS: `url(` written with an escape is still url( to a CSS parser
    "css-escape": '<rect width="10" height="10" style="fill: u\\72l(http://example.net/track)"/>',
}


@pytest.mark.parametrize("name", sorted(SVGS))
def test_an_svg_reaching_outside_through_animation_or_escapes_is_refused(name):
    with pytest.raises(ImageError):
        check_svg((HEAD + SVGS[name] + "</svg>").encode(), f"{name}.svg")
