"""QGIS reads placetrust's OGC API - Features layer as a desktop user would.

Run by qgis_test.go with Debian's python3-qgis, headless:

    QT_QPA_PLATFORM=offscreen python3 qgis_reads.py JOB.json

JOB.json: {"url": ".../ogc", "collection": "assets", "page_size": 50,
"filters": ["<QGIS expression>", ...], "key": "<attribute naming a feature>"}.
Prints one JSON object on stdout: the layer's fields and feature count,
every feature's attributes by key (read through all pages), the keys
each expression keeps (as a feature request and as the layer's filter),
each feature's position as QGIS puts it in EPSG:27700, and what QGIS
logged. Exits non-zero if the layer does not load.
"""

import json
import sys

from qgis.PyQt.QtCore import QDate, QDateTime, Qt, QVariant
from qgis.core import (
    Qgis,
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsExpression,
    QgsFeatureRequest,
    QgsProject,
    QgsVectorLayer,
)


def plain(v):
    """A QGIS attribute value as JSON: dates as ISO 8601, NULL as null."""
    if v is None or (isinstance(v, QVariant) and v.isNull()):
        return None
    if isinstance(v, QDateTime):
        return v.toUTC().toString(Qt.ISODate)
    if isinstance(v, QDate):
        return v.toString(Qt.ISODate)
    if isinstance(v, (list, dict)):
        return [plain(x) for x in v] if isinstance(v, list) else {k: plain(x) for k, x in v.items()}
    if isinstance(v, (bool, int, float, str)):
        return v
    return str(v)


def main(job):
    messages = []
    QgsApplication.messageLog().messageReceived.connect(
        lambda msg, tag, level: messages.append("%s: %s" % (tag, msg))
    )
    # The OAPIF provider (the WFS provider's OGC API mode, its own key in
    # QGIS 3.22), as the Data Source Manager's WFS / OGC API tab builds it.
    uri = "url='%s' typename='%s' pagingEnabled='true' pageSize='%d' hideDownloadProgressDialog='1'" % (
        job["url"],
        job["collection"],
        job["page_size"],
    )
    layer = QgsVectorLayer(uri, job["collection"], "OAPIF")
    out = {"qgis": Qgis.QGIS_VERSION, "uri": uri, "valid": layer.isValid(), "messages": messages}
    if not layer.isValid():
        return out
    key = job["key"]
    out["fields"] = ["%s: %s" % (f.name(), f.typeName()) for f in layer.fields()]
    out["crs"] = layer.crs().authid()
    # featureCount comes from the first page's numberMatched.
    out["feature_count"] = layer.featureCount()

    # Every feature, as the attribute table loads them: page after page.
    rows = {}
    for f in layer.getFeatures():
        rows[f[key]] = {fld.name(): plain(f[fld.name()]) for fld in layer.fields()}
    out["all"] = list(rows)
    out["rows"] = rows

    # Expression filters, as a selection by expression makes them.
    out["filtered"] = [[f[key] for f in layer.getFeatures(QgsFeatureRequest(QgsExpression(e)))] for e in job["filters"]]

    # The same as the layer's filter (its subset string, as the query
    # builder sets it): QGIS 3.22 sends a date comparison to the server
    # as datetime and does the rest itself.
    out["subset"] = []
    for e in job["filters"]:
        sub = QgsVectorLayer(uri, job["collection"], "OAPIF")
        if not sub.setSubsetString(e):
            out["subset"].append(None)
            continue
        out["subset"].append([f[key] for f in sub.getFeatures()])

    # British National Grid: the project's CRS, with QGIS's own choice of
    # transformation from the layer's CRS (QGIS 3.22 asks for CRS84 only).
    bng = QgsCoordinateReferenceSystem("EPSG:27700")
    ctx = QgsProject.instance().transformContext()
    out["bng_operation"] = QgsCoordinateTransform(layer.crs(), bng, ctx).coordinateOperation() or "(default)"
    req = QgsFeatureRequest().setDestinationCrs(bng, ctx)
    points = {}
    for f in layer.getFeatures(req):
        p = f.geometry().asPoint()
        points[f[key]] = [p.x(), p.y()]
    out["bng"] = points
    return out


if __name__ == "__main__":
    with open(sys.argv[1]) as fh:
        job = json.load(fh)
    app = QgsApplication([], False)
    app.setPrefixPath("/usr", True)
    app.initQgis()
    result = main(job)
    json.dump(result, sys.stdout)
    sys.stdout.flush()
    app.exitQgis()
    sys.exit(0 if result.get("valid") else 1)
