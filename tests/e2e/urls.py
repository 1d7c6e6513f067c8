"""The real URLs plus one plain form page, to test how the base layout keeps typed text."""

from django.http import HttpResponse
from django.template import engines
from django.urls import path

from forlob.urls import urlpatterns as forlob_urlpatterns

FORM_PAGE = """{% extends "base.html" %}
{% block title %}Notat{% endblock %}
{% block content %}<h1>Notat</h1>
<form method="post">{% csrf_token %}
  <div class="field"><label for="id_note">Notat</label><textarea id="id_note" name="note"></textarea></div>
  <button type="submit" class="button">Gem</button>
</form>{% endblock %}"""


def form_page(request):
    if request.method == "POST":
        return HttpResponse(f"Gemt: {request.POST.get('note', '')}")
    return HttpResponse(engines["django"].from_string(FORM_PAGE).render({}, request))


urlpatterns = [*forlob_urlpatterns, path("test/notat/", form_page, name="test_form_page")]
