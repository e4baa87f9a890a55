from django.urls import reverse

SECRET = "Donnée confidentielle du suivi"


def url(name, project, *args, query=""):
    return reverse(f"projects:{name}", args=[project.pk, *args]) + query


def pages(project, indicator):
    return [
        url("time_declaration", project),
        url("indicator_add", project),
        url("indicator_edit", project, indicator.pk),
        url("measurement_add", project, indicator.pk),
        url("report", project),
    ]
