"""The demo's illustrations, drawn here as SVG (our own work, released under CC0 1.0: see
LICENCE.txt) and rasterised to the JPEGs beside this file, which the demo loader uploads to
Wagtail (Wagtail then serves WebP renditions in several widths through srcset).

Run again after changing a drawing (needs Playwright and /usr/bin/chromium, as the e2e tests):
    .venv/bin/python demo/illustrations/draw.py
"""

import io
import pathlib

HERE = pathlib.Path(__file__).parent
W, H = 1600, 900
SKIN = ["#f1c7a5", "#e0ac86", "#c98e66", "#f5d3b8", "#d9a07a"]
HAIR = ["#1f1a17", "#2e2320", "#3b2a24", "#16120f"]
DRESS = ["#8a1c4a", "#0d5c63", "#c0504d", "#e2a33b", "#5b3f8c", "#2f7d5b", "#d86f8f"]


def woman(x, y, s=1.0, skin=0, hair=0, dress=0, bun=True, arm=None):
    """A woman in áo dài seen from the front: (x, y) is the top of her head, s the scale."""
    k, h, d = SKIN[skin % len(SKIN)], HAIR[hair % len(HAIR)], DRESS[dress % len(DRESS)]
    head = 38 * s
    parts = [f'<g transform="translate({x} {y}) scale({s})">']
    if bun:
        parts.append(f'<circle cx="0" cy="-6" r="22" fill="{h}"/>')
    parts += [
        f'<path d="M-46 0 a46 50 0 0 1 92 0 v60 h-92z" fill="{h}"/>',
        f'<ellipse cx="0" cy="38" rx="36" ry="42" fill="{k}"/>',
        f'<path d="M-37 30 q0-40 37-42 q37 2 37 42 q-18-26-37-24 q-19-2-37 24z" fill="{h}"/>',
        f'<rect x="-12" y="76" width="24" height="22" fill="{k}"/>',
        f'<path d="M-70 110 q0-18 30-22 l40-4 l40 4 q30 4 30 22 l14 250 h-168z" fill="{d}"/>',
        '<path d="M-14 88 l14 16 l14-16" fill="none" stroke="#ffffff" stroke-opacity=".55" stroke-width="5"/>',
    ]
    if arm == "up":
        parts.append(f'<path d="M56 112 q40-40 44-120" stroke="{d}" stroke-width="26" stroke-linecap="round" fill="none"/>'
                     f'<circle cx="100" cy="-12" r="15" fill="{k}"/>')
    parts.append("</g>")
    del head
    return "".join(parts)


def svg(body, background):
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}">'
            f'<rect width="{W}" height="{H}" fill="{background}"/>{body}</svg>')


def conference():
    """A provincial conference of women officials: a banner, a podium, rows of delegates."""
    body = [
        '<rect y="620" width="1600" height="280" fill="#e9ddd3"/>',
        '<rect x="260" y="70" width="1080" height="150" rx="10" fill="#8a1c4a"/>',
        '<rect x="300" y="115" width="640" height="22" rx="11" fill="#fbe3ec"/><rect x="300" y="155" width="420" height="18" rx="9" fill="#f2b9cd"/>',
        '<circle cx="1230" cy="145" r="48" fill="#ffd166"/><path d="M1230 112 l10 22 24 3 -18 16 5 24 -21-12 -21 12 5-24 -18-16 24-3z" fill="#c0504d"/>',
        '<path d="M120 250 q0-30 30-30 h60 v400 h-90z M1480 250 q0-30-30-30 h-60 v400 h90z" fill="#d8c6b8"/>',
        woman(800, 250, 0.62, 0, 0, 0, arm="up"),
        '<rect x="690" y="400" width="220" height="240" rx="8" fill="#6b3a2a"/><rect x="720" y="430" width="160" height="40" rx="6" fill="#8a5a44"/>',
    ]
    for row, (y, scale) in enumerate([(560, 0.7), (650, 0.85)]):
        count = 7 if row == 0 else 6
        for i in range(count):
            x = 160 + i * (1280 / (count - 1))
            body.append(woman(x, y, scale, i + row, i, i * 3 + row + 1, bun=(i + row) % 2 == 0))
    return svg("".join(body), "#f7efe6")


def chart():
    """Targets to 2030: bars rising to 65% with a woman leader beside them."""
    body = ['<rect y="760" width="1600" height="140" fill="#e8f3f3"/>', '<line x1="200" y1="760" x2="1150" y2="760" stroke="#4a5261" stroke-width="6"/>']
    for i, (height, colour) in enumerate([(180, "#9cc7c9"), (280, "#6aa9ad"), (380, "#3d8c92"), (520, "#0d5c63")]):
        x = 260 + i * 220
        body.append(f'<rect x="{x}" y="{760 - height}" width="150" height="{height}" rx="10" fill="{colour}"/>')
    body.append('<path d="M250 560 L480 470 L700 380 L920 210" fill="none" stroke="#8a1c4a" stroke-width="10" stroke-linecap="round"/>'
                '<path d="M920 210 l-52 6 30 44z" fill="#8a1c4a"/>')
    body.append(woman(1330, 300, 1.15, 1, 0, 0, arm="up"))
    return svg("".join(body), "#fbf1f5")


def pool():
    """The planning pool: women officials side by side, many of them."""
    body = ['<circle cx="800" cy="470" r="360" fill="#f5e3c7"/>']
    for i, (x, y, s) in enumerate([(480, 330, .8), (800, 250, .95), (1120, 330, .8), (330, 520, .7), (640, 470, .85), (960, 470, .85), (1270, 520, .7)]):
        body.append(woman(x, y, s, i, i, i + 1, bun=i % 2 == 1))
    return svg("".join(body), "#fff8ef")


def classroom():
    """A training session: a trainer at the board, trainees at their desks."""
    body = [
        '<rect x="140" y="90" width="760" height="420" rx="12" fill="#25443f"/><rect x="160" y="110" width="720" height="380" rx="8" fill="#2f5a52"/>',
        '<path d="M220 200 h300 M220 260 h420 M220 320 h240" stroke="#e8f3f3" stroke-width="14" stroke-linecap="round"/>',
        '<circle cx="740" cy="300" r="80" fill="none" stroke="#ffd166" stroke-width="14"/><path d="M740 220 v80 h70" stroke="#ffd166" stroke-width="14" fill="none"/>',
        woman(1060, 230, 1.0, 2, 1, 0, arm=None),
        '<rect y="700" width="1600" height="200" fill="#e6d5c3"/>',
    ]
    for i in range(5):
        x = 180 + i * 300
        body.append(woman(x, 560, 0.6, i + 1, i, i + 2, bun=i % 2 == 0))
        body.append(f'<rect x="{x - 110}" y="740" width="220" height="26" rx="6" fill="#8a5a44"/><rect x="{x - 90}" y="766" width="16" height="134" fill="#6b3a2a"/><rect x="{x + 74}" y="766" width="16" height="134" fill="#6b3a2a"/>')
    return svg("".join(body), "#f3ece4")


def speech():
    """Communication on gender equality: speech bubbles around a woman with a megaphone."""
    body = [
        '<rect x="860" y="120" width="560" height="220" rx="40" fill="#ffffff"/><path d="M960 330 l-40 90 110-90z" fill="#ffffff"/>',
        '<rect x="920" y="180" width="420" height="26" rx="13" fill="#8a1c4a"/><rect x="920" y="240" width="300" height="26" rx="13" fill="#d86f8f"/>',
        '<rect x="180" y="140" width="380" height="170" rx="34" fill="#0d5c63"/><path d="M460 300 l40 80 -100-80z" fill="#0d5c63"/>',
        '<rect x="230" y="195" width="280" height="22" rx="11" fill="#e8f3f3"/><rect x="230" y="245" width="180" height="22" rx="11" fill="#9cc7c9"/>',
        woman(720, 360, 1.05, 4, 2, 5),
        '<path d="M800 520 l180-90 v240 l-180-90z" fill="#e2a33b"/><rect x="770" y="500" width="50" height="80" rx="10" fill="#c0504d"/>',
        '<path d="M1010 470 q40 80 0 160 M1060 440 q60 110 0 220" stroke="#e2a33b" stroke-width="12" fill="none" stroke-linecap="round"/>',
    ]
    return svg("".join(body), "#fdf6ec")


def portrait():
    """A woman leader of a commune, before green hills and a communal house."""
    body = [
        '<path d="M0 620 q300-160 600-60 t600-40 t400 20 v360 h-1600z" fill="#8fbf8a"/>',
        '<path d="M0 720 q400-120 800-40 t800 0 v260 h-1600z" fill="#5f9e6e"/>',
        '<path d="M1120 420 l160-110 160 110z" fill="#8a3b2a"/><rect x="1150" y="420" width="260" height="170" fill="#d9b48f"/><rect x="1255" y="480" width="50" height="110" fill="#6b3a2a"/>',
        '<circle cx="250" cy="200" r="90" fill="#ffd166"/>',
        woman(720, 200, 1.6, 2, 0, 0),
    ]
    return svg("".join(body), "#dcefff")


def ribbon():
    """The Action Month for gender equality: a purple ribbon and a calendar 15/11–15/12."""
    body = [
        '<rect x="880" y="170" width="520" height="560" rx="28" fill="#ffffff"/><rect x="880" y="170" width="520" height="120" rx="28" fill="#8a1c4a"/><rect x="880" y="250" width="520" height="40" fill="#8a1c4a"/>',
        '<circle cx="980" cy="170" r="20" fill="#68123a"/><circle cx="1300" cy="170" r="20" fill="#68123a"/>',
    ]
    for row in range(4):
        for col in range(5):
            fill = "#d86f8f" if (row, col) in ((1, 2), (3, 3)) else "#f2dfe7"
            body.append(f'<rect x="{930 + col * 92}" y="{330 + row * 92}" width="70" height="70" rx="12" fill="{fill}"/>')
    body.append('<path d="M480 260 c-120-140-300-10-170 150 l170 190 170-190 c130-160-50-290-170-150z" fill="#5b3f8c"/>'
                '<path d="M400 560 l-120 260 90-30 50 80 60-230z M560 560 l120 260-90-30-50 80-60-230z" fill="#5b3f8c"/>')
    return svg("".join(body), "#f4eefb")


DRAWINGS = {
    "hoi-nghi-can-bo-nu": conference,
    "chi-tieu-2030": chart,
    "quy-hoach-can-bo-nu": pool,
    "lop-boi-duong": classroom,
    "truyen-thong-binh-dang-gioi": speech,
    "nu-lanh-dao-xa": portrait,
    "thang-hanh-dong": ribbon,
}


def main():
    from PIL import Image
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": W, "height": H})
        for name, draw in DRAWINGS.items():
            source = draw()
            (HERE / f"{name}.svg").write_text(source)
            page.set_content(f'<html><body style="margin:0">{source}</body></html>')
            png = page.screenshot(clip={"x": 0, "y": 0, "width": W, "height": H})
            Image.open(io.BytesIO(png)).convert("RGB").save(HERE / f"{name}.jpg", "JPEG", quality=84, optimize=True, progressive=True)
            print(name, (HERE / f"{name}.jpg").stat().st_size)
        browser.close()


if __name__ == "__main__":
    main()
