"""End-to-end tests in headless Chromium (pytest-playwright) against the app over the seed index."""
from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_search_from_the_box(site):
    """Typing a word and pressing Enter lists the quotes with the word highlighted."""
    page, base = site
    page.goto(base + "/")
    page.get_by_label("Search the quotes").fill("title")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/search\?q=title"))
    expect(page.get_by_role("heading", name="Quotes 1\u20131 of 1")).to_be_visible()
    expect(page.locator("ol.hits mark").first).to_have_text("title")


def test_facet_click_filters_and_unfilters(site):
    """Clicking a facet value narrows the results; clicking it again removes the filter."""
    page, base = site
    page.goto(base + "/search?q=title&group=0")
    facet = page.locator("aside.facets section", has=page.get_by_role("heading", name="Outlet"))
    facet.get_by_role("link", name="AFP").click()
    expect(page).to_have_url(re.compile(r"outlet=afp"))
    expect(page.get_by_role("list", name="Filters in use")).to_contain_text("Outlet: AFP")
    expect(page.get_by_role("heading", name=re.compile("Quotes 1\u20131 of 1"))).to_be_visible()
    page.locator("aside.facets a[aria-current=true]").first.click()
    expect(page).not_to_have_url(re.compile(r"outlet="))
    expect(page.get_by_role("heading", name="Quotes 1\u20132 of 2")).to_be_visible()


def test_pagination(site):
    """Next and previous move through the pages and say where we are."""
    page, base = site
    page.goto(base + "/search?q=title&group=0&per_page=1")
    expect(page.get_by_role("heading", name="Quotes 1\u20131 of 2")).to_be_visible()
    page.get_by_role("link", name="Next →").click()
    expect(page.get_by_role("heading", name="Quotes 2\u20132 of 2")).to_be_visible()
    expect(page.locator("nav.pager [aria-current=page]")).to_have_text("2")
    page.get_by_role("link", name="← Previous").click()
    expect(page.get_by_role("heading", name="Quotes 1\u20131 of 2")).to_be_visible()


def test_name_completion_with_the_keyboard(site):
    """Typing part of a name offers matching speakers; arrow down and Enter opens the speaker."""
    page, base = site
    page.goto(base + "/speakers")
    box = page.get_by_role("combobox", name="Find a speaker")
    box.press_sequentially("inz", delay=30)
    option = page.get_by_role("option", name=re.compile("Simone Inzaghi"))
    expect(option).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    box.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/speaker/simone-inzaghi$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Simone Inzaghi")


def test_speakers_without_javascript_still_find_names(browser, live_server):
    """With scripts off the same box submits and lists matching speakers."""
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(live_server + "/speakers")
    page.get_by_label("Find a speaker").fill("simo")
    page.get_by_role("button", name="Find").click()
    expect(page.get_by_role("link", name="Simone Inzaghi")).to_be_visible()
    expect(page.get_by_role("link", name="Davide Vagnati")).to_have_count(0)
    ctx.close()


def test_speaker_page(site):
    """From the A-Z list to a speaker: clusters, timeline, search within their quotes."""
    page, base = site
    page.goto(base + "/speakers")
    page.get_by_role("link", name="Davide Vagnati").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Davide Vagnati")
    expect(page.get_by_role("group", name=re.compile("Quotes per month"))).to_be_visible()
    expect(page.locator("li.cluster")).to_have_count(2)
    page.get_by_label("Search Davide Vagnati’s quotes").fill("penalty")
    page.get_by_label("Search Davide Vagnati’s quotes").press("Enter")
    expect(page.get_by_role("heading", name=re.compile(r"quotes? matching penalty"))).to_be_visible()
    expect(page.locator("ol.hits mark").first).to_have_text(re.compile("penalty", re.I))


def test_article_page_from_a_hit(site):
    """The article link of a hit opens the full text at the quote, which is marked with its speaker."""
    page, base = site
    page.goto(base + "/search?q=title")
    page.locator("ol.hits li").first.locator("a.article").click()
    expect(page).to_have_url(re.compile(r"/article/.+#q-\d+$"))
    target = page.locator("mark.quote:target")
    expect(target).to_contain_text("retain the title")
    expect(page.locator(".article-text .who").first).to_be_visible()
    expect(page.get_by_role("heading", name="Quotes in this article")).to_be_visible()


def test_quote_page_compares_wordings(site):
    """A quote carried twice shows both wordings side by side with the differences marked."""
    page, base = site
    clusters = page.request.get(base + "/speaker/davide-vagnati.json").json()["rows"]
    which = next((i for i, c in enumerate(clusters) if len({q["text"] for q in c["quotes"]}) > 1), None)
    assert which is not None, "the seeds carry a Vagnati quote worded differently by the two outlets"
    page.goto(base + "/speaker/davide-vagnati")
    page.get_by_role("link", name="compare wordings").nth(which).click()
    expect(page.locator("section.wording")).to_have_count(len(clusters[which]["quotes"]))
    expect(page.locator("section.wording ins").first).to_be_visible()
    expect(page.locator("section.wording del").first).to_be_visible()
    # side by side; measured again until the layout settles (a loaded machine may report the boxes
    # of a page whose style sheet has not been applied yet)
    deadline = time.monotonic() + 10
    while True:
        boxes = [page.locator("section.wording").nth(i).bounding_box() for i in range(2)]
        if abs(boxes[0]["y"] - boxes[1]["y"]) < 2 and boxes[0]["x"] < boxes[1]["x"] or time.monotonic() > deadline:
            break
        page.wait_for_timeout(200)
    assert abs(boxes[0]["y"] - boxes[1]["y"]) < 2 and boxes[0]["x"] < boxes[1]["x"], boxes


def test_keyboard_skip_link_and_phone_width(site):
    """Tab first reaches the skip link; on a phone-sized screen nothing scrolls sideways."""
    page, base = site
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(base + "/search?q=title")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Skip to content")
    for path in ["/search?q=title", "/speaker/simone-inzaghi", "/article/000_919c8712d2da58b1.txt",
                 "/speakers"]:
        page.goto(base + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (path, overflow)
