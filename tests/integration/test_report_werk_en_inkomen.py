"""werk_en_inkomen: bijstand, the werkbedrijf and inburgering (Rapportage Sociaal Domein 2e helft 2024; 2019).

Seed: Rapportage Sociaal Domein 2e helft 2024 = /work/shared/seeds/004_14f5eea1608e441b.txt (RSD 2024).
"""

import pytest
import report_packs

pytestmark = [pytest.mark.notebooks, pytest.mark.pdf]

NAME = "werk_en_inkomen"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return report_packs.council_report(tmp_path_factory, NAME)


def test_key_messages_on_the_first_page(report):
    report_packs.assert_key_messages_up_front(*report, page=1)


def test_bijstand_with_the_documents_national_comparison(report):
    # RSD 2024 line 127: "In januari 2024 hadden 2.551 inwoners een uitkering Participatiewet en op 1 januari 2025
    # hadden 2.559" (+8, 8 / 2.551 = +0,31% -> +0,3%), "De omvang van het uitkeringsbestand is in 2024 nagenoeg gelijk
    # gebleven ten opzichte van 1,5% groei landelijk": our sentence (under 0,5%: 'bleef nagenoeg gelijk', as the municipality says), then
    # that one sentence of the document, word for word (the municipality's word 'nagenoeg gelijk' and the national
    # comparison beside ours)
    pages, messages = report
    line = report_packs.bullet(messages, "Bijstand:", start=True)
    assert line == (
        "Bijstand: nagenoeg gelijk in 2024. Het aantal inwoners met een uitkering Participatiewet bleef nagenoeg gelijk: 2.551 in januari 2024 en 2.559 op "
        f"1 januari 2025 {report_packs.pct(2551, 2559)}. De gemeente schreef in de Rapportage Sociaal Domein 2e helft "
        "2024: ‘De omvang van het uitkeringsbestand is in 2024 nagenoeg gelijk gebleven ten opzichte van 1,5% groei "
        "landelijk.’"
    )  # round 44: the 2019 counts under Bijstand only
    # the 2019 counts (rapportage 2019 line 2200) as a range with their caveat, under Bijstand
    assert "tussen 2.652 en 2.731 uitkeringen Participatiewet in vier maanden van 2019" in " ".join(pages)
    assert (
        (
            "De 2e Rapportage Sociaal Domein 2019 telt uitkeringen, de Rapportage Sociaal Domein 2e helft 2024 inwoners "
            "met een uitkering; of dat dezelfde telling is, zeggen de documenten niet."
        )
        in " ".join(" ".join(pages).replace("•", " ").split())
    )  # (a page may break inside it) round 25: no 'eerdere cijfers staan niet in de documenten'; round 42 (a reader could not tell whether 2.559
    # is high or low): the 2019 counts (rapportage 2019 line 2200 'Uitkeringen Partic ipatiewet 2731 2711 2689
    # 2652') as a range, which needs no reading of the months, with how they count
    # RSD 2024 lines 123-127 under 'Wat de gemeente erover schrijft'
    content = " ".join(pages)
    assert "Opvallend is dat in het tweede deel van het jaar zowel de instroom als de uitstroom" in content
    # the 2019 counts are shown with their source line and their document among the sources
    assert "Bron: 2e Rapportage Sociaal Domein 2019" in content


def test_werkbedrijf_targets_as_printed_including_beschut_werk(report):
    # RSD 2024 lines 174-180 (Doel, Realisatie): "Uitstroom naar werk 200 209", "Beschut werk 77 77",
    # "Loonkostensubsidie 229 240"; line 182: "209 ... de doelstelling van 200", "240. De doelstelling hiervoor is 229".
    # Two above their target, beschut werk exactly on it: no count of targets met of the report's own; the document's
    # own caution follows in its words: "De doelstelling van 77 plekken lijkt gehaald te zijn."
    pages, messages = report
    line = report_packs.bullet(messages, "Werkbedrijf De Binnenbaan in 2024:", start=True)
    assert line == (
        # round 22: the head names where each part stands; round 23 (reviewers and a fact-checker): the document is
        # not sure of beschut werk ('lijkt gehaald', the row's note 'Onzeker: ...'), so no position as a fact
        "Werkbedrijf De Binnenbaan in 2024: boven het doel bij loonkostensubsidie en uitstroom naar werk, beschut "
        "werk nog niet zeker. Het werkbedrijf kwam in 2024 boven het doel bij loonkostensubsidie (240; doel 229) en "
        # round 47: 'volgens de gemeente', its word 'lijkt' right after it, instead of '(eigen lezing)'
        "uitstroom naar werk (209; doel 200). Bij beschut werk (77; doel 77) is de uitkomst volgens de gemeente nog "
        "niet zeker. De gemeente schreef: ‘De doelstelling "
        "van 77 plekken lijkt gehaald te zijn.’"
    )
    assert "precies op het doel bij beschut werk" not in " ".join(pages)
    # RSD 2024 (Simpel Switchen), word for word: what the municipality does
    assert (
        "Wat de gemeente doet. De gemeente schreef: ‘In 2025 wordt breder gekeken naar de verbetering van "
        "ontwikkeltrajecten van De Binnenbaan.’ De gemeente schreef ook: ‘In oktober zijn we gestart met een pilot "
        "vanuit Simpel Switchen, Snelle Aanvraag Snel Besluit. Deze pilot heeft als doel om inwoners zo snel mogelijk "
        "uitsluitel te geven over hun uitkeringsaanvraag.’"
    ) in messages  # round 24: the plans for the werkbedrijf too (RSD 2024, De toekomst); round 42: those first
    content = " ".join(pages)
    # RSD 2024 line 202, word for word, under 'Wat de gemeente erover schrijft'
    assert "In 2025 wordt breder gekeken naar de verbetering van ontwikkeltrajecten van De Binnenbaan." in content
    # the table as printed (lines 174-180; 'Kengetal' = no target, shown as '–'); NUG as the document spells it out
    # the parts with a target first, in the order of the chart
    # round 24: the 77 the document is not sure of carries a mark that says so (a fact-checker)
    assert "beschut werk 77* 77 loonkostensubsidie 240 229 uitstroom naar werk 209 200" in content
    assert "* de gemeente is niet zeker van deze uitkomst" in content
    assert "niet-uitkeringsgerechtigden (NUG) 37 – Oekraïners 49 – parttime baan 120 –" in content
    assert "noemt geen gerealiseerd aantal" not in content


def test_herinstroom_key_message_and_which_measure(report):
    # RSD 2024 line 186: "De herinstroom is overigens gedaald van 21,5% in de eerste helft van 2024 naar 11% in de
    # periode t/m november. Dit is onder het landelijk gemiddelde." 11% as printed (no decimal added); the report does
    # not say which of the two measures it is (the document does not), and says so beside the figures.
    pages, messages = report
    assert (
        # round 40: the municipality's own sentence, not a paraphrase beside a shortened quote
        "Herinstroom in de uitkering na uitstroom: gedaald in 2024 (volgens de gemeente). De gemeente schreef: ‘De "
        "herinstroom is overigens gedaald van 21,5% in de eerste helft van 2024 naar 11% in de periode t/m november. "
        "Dit is onder het landelijk gemiddelde.’ De rapportage noemt twee metingen (die van De Binnenbaan: na uitstroom naar werk; die van de "
        "gemeente: na elke uitstroom) en zegt niet van welke deze cijfers zijn."
    ) in messages  # round 18: the caveat in the message itself, not only under the figures
    # which of the two measures it is, the document does not say: said under the werkbedrijf's figures
    assert (
        "De rapportage noemt twee metingen (die van De Binnenbaan: na uitstroom naar werk; die van de gemeente: na "
        "elke uitstroom) en zegt niet van welke deze cijfers zijn."
    ) in " ".join(pages)
    content = " ".join(pages)
    assert "Van welke meting de 21,5% en de 11% zijn, zegt de rapportage niet" in content  # the Verantwoording


def test_herinstroom_in_the_documents_words(report):
    # RSD 2024 line 186: "De herinstroom is overigens gedaald van 21,5% in de eerste helft van 2024 naar 11% in de
    # periode t/m november. Dit is onder het landelijk gemiddelde." Quoted in these words (no longer a key message:
    # the second review gave that place to what the municipality does), not rephrased as 'januari tot en met november'.
    content = " ".join(report[0])
    assert (
        "De herinstroom is overigens gedaald van 21,5% in de eerste helft van 2024 naar 11% in de periode t/m "
        "november. Dit is onder het landelijk gemiddelde."
    ) in content
    assert "januari tot en met november" not in content


def test_inburgering_total_as_printed_and_the_routes(report):
    # RSD 2024 line 234: "Op 1 januari 2025 volgen in Zoetermeer 573 mensen een inburgeringstraject"; routes
    # (lines 238-240) 302 + 241 + 33 = 576. No longer a key message (second review); the table gives both.
    pages, messages = report
    content = " ".join(pages)
    assert "totaal 573 B1-route 302 Z-route 241 onderwijsroute 33" in content
    # round 22: the message's head says the figure, not only the topic
    assert any(
        m.startswith("Inburgering: 573 mensen in een traject. Op 1 januari 2025 volgden 573 mensen") for m in messages
    )
    assert "de onderdelen tellen op tot 576" in content
