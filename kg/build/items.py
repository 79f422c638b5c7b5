"""What an agenda item holds, written into its document's graph: resolutions, the reports it
considered, public questions, declarations of interest, follow-ups, and the mentions the
extractors found in it."""
from __future__ import annotations

import re

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, XSD

from kg.models import AgendaItem, Meeting, Report, Span
from kg.namespace import MKG
from kg.textutil import squash
from kg.build.extract import Mention, _is_personal_name
from kg.build.iris import again_iri, entity_iri, item_iri, mention_iri, part_iri, report_iri


def _resolution_keys(resolutions: list) -> list[tuple[int, object, str]]:
    """Each resolution of an item with the last part of its IRI: its clause label, or its place
    when it has none; one that another already took ("That:" before "(1)", a second "a)" in a
    second RESOLVED) gets "-2", "-3" after it."""
    out, taken = [], set()
    for k, res in enumerate(resolutions):
        key = base = str(res.label or k + 1)
        n = 1
        while key in taken:
            n += 1
            key = f"{base}-{n}"
        taken.add(key)
        out.append((k, res, key))
    return out


def _short(text: str, limit: int = 120) -> str:
    text = squash(text)
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


class _ItemWriter:
    """Writes what an item holds (resolutions, reports, questions, declarations, follow-ups)
    and the mentions in it, for `kg.build.document._Builder`."""

    def _item(self, g, doc, d, m: Meeting, mi: URIRef, item: AgendaItem, found) -> None:
        ii = item_iri(mi, item, m.items)
        self.item_iris[id(item)] = ii
        found["items"] += 1
        g.add((ii, RDF.type, MKG.AgendaItem))
        g.add((mi, MKG.item, ii))
        g.add_value(ii, RDFS.label, item.title)
        g.add((ii, PROV.wasDerivedFrom, d))
        g.add_value(ii, MKG.order, item.order)
        if item.number:
            g.add_value(ii, MKG.minuteNumber, item.number)
        self._span(g, doc, d, ii, item.span)
        self._role_references(g, doc, d, m, ii, item)
        for k, res, key in _resolution_keys(item.resolutions):
            ri = part_iri(ii, "resolution", key)
            self.resolution_iris[id(res)] = ri
            found["resolutions"] += 1
            g.add((ri, RDF.type, MKG.Resolution))
            g.add((ii, MKG.resolved, ri))
            g.add_value(ri, MKG.text, res.text)
            g.add_value(ri, RDFS.label, _short(res.text))
            g.add((ri, PROV.wasDerivedFrom, d))
            if res.label:
                g.add_value(ri, MKG.label, res.label)
            self._span(g, doc, d, ri, res.span)
        for report in item.reports:
            self._report(g, doc, d, m, mi, ii, report, found)
        for k, q in enumerate(item.questions):
            qi = part_iri(ii, "question", k + 1)
            found["questions"] += 1
            g.add((qi, RDF.type, MKG.PublicQuestion))
            g.add((ii, MKG.question, qi))
            g.add_value(qi, RDFS.label, ("Supplementary question" if q.supplementary else "Question")
                        + (f" of {q.asker.name}" if q.asker else ""))
            g.add_value(qi, MKG.text, q.text)
            g.add((qi, PROV.wasDerivedFrom, d))
            self._span(g, doc, d, qi, q.span)
            if q.asker:
                p = self.person(q.asker.name, "public")
                if p is not None:
                    g.add((qi, MKG.askedBy, p))
            if q.answerer:
                if _is_personal_name(q.answerer.name):
                    p = self.person(q.answerer.name, None)
                else:
                    p = self.post(q.answerer.name)
                if p is not None:
                    g.add((qi, MKG.answeredBy, p))
            if q.supplementary and k > 0:
                prev = next((j for j in range(k - 1, -1, -1) if not item.questions[j].supplementary), None)
                if prev is not None:
                    g.add((qi, MKG.supplementaryTo, part_iri(ii, "question", prev + 1)))
        for k, dcl in enumerate(item.declarations):
            di = part_iri(ii, "declaration", k + 1)
            found["declarations"] += 1
            g.add((di, RDF.type, MKG.Declaration))
            g.add((mi, MKG.declaration, di))
            g.add_value(di, MKG.text, dcl.text)
            g.add_value(di, RDFS.label, f"Declaration by {dcl.by.name}" if dcl.by else "Declaration")
            g.add((di, PROV.wasDerivedFrom, d))
            if dcl.interest:
                g.add_value(di, MKG.interestKind, dcl.interest)
            self._span(g, doc, d, di, dcl.span)
            if dcl.interest_in is not None:
                self.declared.append((dcl.interest_in, di))
            if dcl.by:
                p = self.person(dcl.by.name, "member")
                if p is not None:
                    g.add((di, MKG.declaredBy, p))
            if re.search(r"\ball items\b", dcl.text, re.IGNORECASE):
                for other in m.items:
                    g.add((di, MKG.coversItem, item_iri(mi, other, m.items)))
        for k, fu in enumerate(item.follow_ups):
            fi = part_iri(ii, "follow-up", k + 1)
            self.follow_up_iris[id(fu)] = fi
            found["follow_ups"] += 1
            g.add((fi, RDF.type, MKG.FollowUp))
            g.add((ii, MKG.followUp, fi))
            g.add_value(fi, MKG.text, fu.text)
            g.add_value(fi, RDFS.label, _short(fu.text))
            g.add((fi, PROV.wasDerivedFrom, d))
            self._span(g, doc, d, fi, fu.span)
            if fu.due is not None:
                if fu.due_precision == "month":
                    g.add((fi, MKG.dueDate, Literal(fu.due.strftime("%Y-%m"), datatype=XSD.gYearMonth)))
                else:
                    g.add((fi, MKG.dueDate, Literal(fu.due.isoformat(), datatype=XSD.date)))
            if fu.due_precision:
                g.add_value(fi, MKG.dueDatePrecision, fu.due_precision)

    def _report(self, g, doc, d, m: Meeting, mi: URIRef, ii: URIRef | None, report: Report, found) -> None:
        ri = report_iri(mi, ii, report.title)
        # an item that considered two reports, a pack with two reports of one title: each its own node
        n = self.reports_minted[ri] = self.reports_minted[ri] + 1
        if n > 1:
            ri = again_iri(ri, n)
        self.report_iris[id(report)] = ri
        found["reports"] += 1
        g.add((ri, RDF.type, MKG.Report))
        g.add_value(ri, RDFS.label, report.title)
        g.add((ri, MKG.forMeeting, mi))
        g.add_value(ri, MKG.reportKind, report.kind)
        g.add((ri, PROV.wasDerivedFrom, d))
        self._span(g, doc, d, ri, report.span)
        if ii is not None:
            g.add((ii, MKG.considered, ri))
        if report.agenda_item:
            g.add_value(ri, MKG.agendaReference, report.agenda_item)
        for author in report.authors:
            if re.search(r"\b(?:Panel|Board|Committee|Commission|Forum|Cabinet)\b", author) and not re.match(
                    r"(?:Chair|Director|Head|Lead|Chief)", author):
                g.add((ri, MKG.author, self.committee(author)))
            else:
                g.add((ri, MKG.author, self.post(author)))
        for c in report.contacts:
            p = self.person(c.name, "officer")
            if p is None:
                continue
            g.add((ri, MKG.mentions, p))
            if c.post:
                g.add((self.post(c.post), MKG.heldBy, p))
                g.add((ri, MKG.mentions, self.post(c.post)))

    def _mention(self, g, doc, d, mention: Mention, meetings, found) -> URIRef | None:
        """Write `mention` where its item or report is; what it refers to, or None when not written."""
        kind = {"PERSON": None, "POST": "post", "ORG": "org", "SERVICE": "service", "COMMITTEE": "committee"}.get(mention.label)
        if mention.label == "PERSON":
            target = self.person(mention.norm, "mentioned")
            if target is not None and mention.holds is not None:
                g.add((self.post(mention.holds.norm, mention.holds.surface), MKG.heldBy, target))
        elif kind == "post":
            target = self.post(mention.norm, mention.surface)
        elif kind == "committee":
            target = self.committee(mention.norm, mention.surface)
        elif kind == "org":
            target = self._entity(entity_iri("org", mention.norm), MKG.Organisation, mention.norm, mention.surface)
            if mention.wikidata:
                self.shared.add((target, OWL.sameAs, URIRef(mention.wikidata)))
        elif kind == "service":
            target = self._entity(entity_iri("service", mention.norm), MKG.Service, mention.norm, mention.surface)
        else:
            return None
        if target is None:
            return None
        if mention.item is not None:
            holder = self.item_iris.get(id(mention.item))
        else:
            holder = self.report_iris.get(id(mention.report))
        if holder is None:
            return None
        found[f"mentions_{mention.label.lower()}"] += 1
        g.add((holder, MKG.mentions, target))
        mi = mention_iri(doc, mention.start, mention.end)
        g.add((mi, RDF.type, MKG.Mention))
        g.add((holder, MKG.mention, mi))
        g.add((mi, MKG.refersTo, target))
        g.add_text(mi, MKG.surfaceForm, mention.surface)
        g.add((mi, PROV.wasDerivedFrom, d))
        self._span(g, doc, d, mi, Span(mention.start, mention.end))
        return target
