import re


def test_favicon_ico_is_served_with_caching(client):
    with client.get("/favicon.ico") as response:
        assert response.status_code == 200
        assert response.mimetype == "image/x-icon"
        assert response.data[:4] == b"\x00\x00\x01\x00"  # an ICO file's header
        assert response.cache_control.max_age == 7 * 24 * 3600


def test_every_page_links_its_icons(client):
    page = client.get("/").get_data(as_text=True)
    links = re.findall(r'<link rel="icon" href="([^"]+)"', page)
    assert links == ["/static/img/favicon.svg", "/static/img/favicon-32.png"]
    for link in links:
        with client.get(link) as response:
            assert response.status_code == 200
