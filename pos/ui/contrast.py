"""Text that reads (WCAG 2.1 AA, 4.5:1) on whatever palette the system gives, and a focus
ring and frames that show (3:1).

The system palette (light, dark or high-contrast) is kept; only the roles that fall short
are moved towards black or white until they read: placeholders and unsellable rows (the
placeholder colour) on the field's background, the selected row's text on its highlight,
and disabled text (which also shows as italic, see ``resources/style.qss``).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

#: WCAG 2.1 AA for normal text.
TEXT_RATIO = 4.5
#: Disabled controls are exempt from WCAG; 3:1 keeps them readable yet plainly dimmer.
DISABLED_RATIO = 3.0
#: WCAG 2.1 AA for what is not text (1.4.11): the focus ring, the frames of fields.
NON_TEXT_RATIO = 3.0

Role = QPalette.ColorRole
Group = QPalette.ColorGroup


def luminance(color: QColor) -> float:
    """Relative luminance (WCAG 2.1)."""
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF())
            + 0.0722 * channel(color.blueF()))


def contrast_ratio(a: QColor, b: QColor) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable(color: QColor, background: QColor, ratio: float = TEXT_RATIO) -> QColor:
    """``color`` if it reads on ``background``; else the nearest mix towards black (light
    backgrounds) or white (dark ones) that does."""
    if contrast_ratio(color, background) >= ratio:
        return QColor(color)
    target = QColor("black") if luminance(background) >= 0.18 else QColor("white")
    if contrast_ratio(target, background) < ratio:
        # Mid-grey backgrounds: whichever extreme reads better.
        other = QColor("white") if target == QColor("black") else QColor("black")
        if contrast_ratio(other, background) > contrast_ratio(target, background):
            target = other
    for step in range(1, 21):
        t = step / 20
        mixed = QColor.fromRgbF(
            color.redF() + (target.redF() - color.redF()) * t,
            color.greenF() + (target.greenF() - color.greenF()) * t,
            color.blueF() + (target.blueF() - color.blueF()) * t,
        )
        if contrast_ratio(mixed, background) >= ratio:
            return mixed
    return target


def _fix(palette: QPalette, group: Group, role: Role, on: Role, ratio: float) -> None:
    palette.setColor(group, role,
                     readable(palette.color(group, role), palette.color(group, on), ratio))


def accessible_palette(palette: QPalette) -> QPalette:
    """``palette`` with every text role reading on its background."""
    result = QPalette(palette)
    for group in (Group.Active, Group.Inactive):
        _fix(result, group, Role.PlaceholderText, Role.Base, TEXT_RATIO)
        _fix(result, group, Role.Text, Role.Base, TEXT_RATIO)
        _fix(result, group, Role.WindowText, Role.Window, TEXT_RATIO)
        _fix(result, group, Role.ButtonText, Role.Button, TEXT_RATIO)
        # The selected row: move the highlight itself until its text reads on it.
        text = result.color(group, Role.HighlightedText)
        highlight = result.color(group, Role.Highlight)
        if contrast_ratio(text, highlight) < TEXT_RATIO:
            result.setColor(group, Role.Highlight, readable(highlight, text, TEXT_RATIO))
        # The focus ring (the style sheet's palette(accent)): the system's selection colour,
        # moved until it shows on the window and in a field. On dark palettes it is lighter than
        # the selected row (whose white text needs a darker one).
        ring = readable(result.color(group, Role.Highlight), result.color(group, Role.Window),
                        NON_TEXT_RATIO)
        ring = readable(ring, result.color(group, Role.Base), NON_TEXT_RATIO)
        result.setColor(group, Role.Accent, ring)
    for role, on in ((Role.Text, Role.Base), (Role.WindowText, Role.Window),
                     (Role.ButtonText, Role.Button)):
        _fix(result, Group.Disabled, role, on, DISABLED_RATIO)
    return result


def text_pairs(palette: QPalette) -> list[tuple[str, QColor, QColor, float]]:
    """(what, colour, background, ratio needed) for every text the register shows, its
    focus ring and its frames."""
    pairs: list[tuple[str, QColor, QColor, float]] = []
    for group, name in ((Group.Active, "active"), (Group.Inactive, "inactive")):
        pairs += [
            (f"{name} placeholder / unsellable row", palette.color(group, Role.PlaceholderText),
             palette.color(group, Role.Base), TEXT_RATIO),
            (f"{name} text", palette.color(group, Role.Text), palette.color(group, Role.Base),
             TEXT_RATIO),
            (f"{name} window text", palette.color(group, Role.WindowText),
             palette.color(group, Role.Window), TEXT_RATIO),
            (f"{name} button text", palette.color(group, Role.ButtonText),
             palette.color(group, Role.Button), TEXT_RATIO),
            (f"{name} selected row", palette.color(group, Role.HighlightedText),
             palette.color(group, Role.Highlight), TEXT_RATIO),
        ]
    for group, name in ((Group.Active, "active"), (Group.Inactive, "inactive")):
        pairs += [
            (f"{name} focus ring", palette.color(group, Role.Accent),
             palette.color(group, Role.Window), NON_TEXT_RATIO),
            (f"{name} focus ring in a field", palette.color(group, Role.Accent),
             palette.color(group, Role.Base), NON_TEXT_RATIO),
            (f"{name} frame (the placeholder colour)", palette.color(group, Role.PlaceholderText),
             palette.color(group, Role.Window), NON_TEXT_RATIO),
        ]
    pairs.append(("disabled button text", palette.color(Group.Disabled, Role.ButtonText),
                  palette.color(Group.Disabled, Role.Button), DISABLED_RATIO))
    pairs.append(("disabled text", palette.color(Group.Disabled, Role.Text),
                  palette.color(Group.Disabled, Role.Base), DISABLED_RATIO))
    return pairs
