"""Data files as real tools save them: every encoding Excel, LibreOffice, Notepad and a Mac
write, Unicode as it arrives (NFD from a Mac, emoji, thin spaces), Excel's habits and columns in
another order. Each is either read to the right values or refused with its exact message.

The encoded files are made by skapa_filer.py (which says how each tool writes); the others are
written by hand, one fault per file, named after it."""

from __future__ import annotations

import unicodedata

import pytest
from hjalp_inlasning import HERE, planted, problems

# Every fault file and exactly what the validator says about it.
FAULTS = {
    # Encodings other than UTF-8 and Windows-1252: refused, the code page named, the word as meant.
    "excel-csv-ms-dos-cp850.csv": [
        'data/fel/excel-csv-ms-dos-cp850.csv:2:1: Filen är inte sparad som UTF-8 eller Windows-1252 utan troligen som '
        'CSV (MS-DOS), teckenkodning 850: "hush†ll" ska nog vara "hushåll". Spara om filen i Excel som '
        '"CSV UTF-8 (kommaavgränsad)", eller i webbredigeraren. [annan-teckenkodning]'],
    "libreoffice-dos-cp437.csv": [
        'data/fel/libreoffice-dos-cp437.csv:2:1: Filen är inte sparad som UTF-8 eller Windows-1252 utan troligen som '
        'CSV (MS-DOS), teckenkodning 850: "hush†ll" ska nog vara "hushåll". Spara om filen i Excel som '
        '"CSV UTF-8 (kommaavgränsad)", eller i webbredigeraren. [annan-teckenkodning]'],
    "excel-csv-macintosh.csv": [
        'data/fel/excel-csv-macintosh.csv:2:1: Filen är inte sparad som UTF-8 eller Windows-1252 utan troligen som '
        'CSV (Macintosh), teckenkodning Mac OS Roman: "hushŒll" ska nog vara "hushåll". Spara om filen i Excel som '
        '"CSV UTF-8 (kommaavgränsad)", eller i webbredigeraren. [annan-teckenkodning]'],
    "libreoffice-utf7.csv": [
        'data/fel/libreoffice-utf7.csv:2:1: Filen är inte sparad som UTF-8 eller Windows-1252 utan troligen som UTF-7: '
        '"hush+AOU-ll" ska nog vara "hushåll". Spara om filen i Excel som "CSV UTF-8 (kommaavgränsad)", eller i '
        'webbredigeraren. [annan-teckenkodning]'],
    **{name: [
        f'data/fel/{name}:1:1: Filen är sparad som {kind} (Unicode-text). Spara om filen i Excel som '
        '"CSV UTF-8 (kommaavgränsad)", eller i webbredigeraren. [unicode-text]']
       for name, kind in (("excel-unicode-text-utf16le-bom.csv", "UTF-16"), ("anteckningar-utf16be-bom.csv", "UTF-16"),
                          ("utf16le-utan-bom.csv", "UTF-16"), ("utf16be-utan-bom.csv", "UTF-16"), ("utf32-bom.csv", "UTF-32"))},
    # A row from another program: blamed on that row, not on a correct line.
    "rad-i-windows-1252-sist-i-utf8.csv": [
        "data/fel/rad-i-windows-1252-sist-i-utf8.csv:5:1: Raden är sparad som Windows-1252, men resten av filen som UTF-8, "
        "så å, ä, ö och mellanslag i talen blir fel på raden. Skriv om raden i GitHubs webbredigerare, eller spara hela "
        "filen på nytt som CSV UTF-8 i Excel. [blandad-teckenkodning]"],
    "rad-i-ms-dos-cp850-sist-i-utf8.csv": [
        "data/fel/rad-i-ms-dos-cp850-sist-i-utf8.csv:5:1: Raden är sparad som CSV (MS-DOS), teckenkodning 850, men resten "
        "av filen som UTF-8, så å, ä, ö och mellanslag i talen blir fel på raden. Skriv om raden i GitHubs "
        "webbredigerare, eller spara hela filen på nytt som CSV UTF-8 i Excel. [blandad-teckenkodning]"],
    "rad-i-utf8-sist-i-windows-1252.csv": [
        "data/fel/rad-i-utf8-sist-i-windows-1252.csv:5:1: Raden är sparad som UTF-8, men resten av filen som Windows-1252, "
        "så å, ä, ö och mellanslag i talen blir fel på raden. Skriv om raden i GitHubs webbredigerare, eller spara hela "
        "filen på nytt som CSV UTF-8 i Excel. [blandad-teckenkodning]"],
    # Text once read in the wrong encoding and saved again: never published.
    "ms-dos-text-sparad-som-utf8.csv": [
        'data/fel/ms-dos-text-sparad-som-utf8.csv:2:1: Trasiga tecken i "hush†ll": å, ä och ö har sparats om med fel '
        'teckenkodning och ska troligen vara "hushåll". Rätta texten och spara filen som UTF-8. [trasiga-tecken]'],
    "macintosh-text-sparad-som-utf8.csv": [
        'data/fel/macintosh-text-sparad-som-utf8.csv:2:1: Trasiga tecken i "hushŒll": å, ä och ö har sparats om med fel '
        'teckenkodning och ska troligen vara "hushåll". Rätta texten och spara filen som UTF-8. [trasiga-tecken]'],
    "ersattningstecken-efter-tidigare-fel.csv": [
        'data/fel/ersattningstecken-efter-tidigare-fel.csv:2:1: Tecknet � i "hush�ll" står där ett tecken gick förlorat '
        "när filen en gång sparades om med fel teckenkodning (oftast å, ä eller ö). Skriv texten rätt och spara filen som "
        "CSV UTF-8. [forlorat-tecken]"],
    "excel-arbetsbok-med-namnet-csv.csv": [
        "data/fel/excel-arbetsbok-med-namnet-csv.csv:1:1: Filen är en kalkylbok från Excel eller LibreOffice (xlsx eller "
        "ods) som har fått ett namn som slutar på .csv, inte en CSV-fil. Öppna den i Excel eller LibreOffice och spara "
        "den med Arkiv → Spara som → CSV UTF-8 (kommaavgränsad). [kalkylbok-som-csv]"],
    # Months that do not exist: said as such.
    "manad-13.csv": [
        "data/fel/manad-13.csv:5:1: Månaden 2023-13 finns inte: ett år har bara månaderna 01–12. Rätta månaden. [manad-finns-inte]"],
    "manad-00.csv": [
        "data/fel/manad-00.csv:2:1: Månaden 2022-00 finns inte: ett år har bara månaderna 01–12. Rätta månaden. [manad-finns-inte]"],
    "datum-manad-13.csv": [
        'data/fel/datum-manad-13.csv:2:4: Fel värde "2019-13-30" i kolumnen "matdatum" (Mätdatum): datumet 2019-13-30 '
        "finns inte: kontrollera månaden (01–12) och dagen. [datum-finns-inte]"],
    "datum-fel-format.csv": [
        'data/fel/datum-fel-format.csv:2:4: Fel värde "30/4 2019" i kolumnen "matdatum" (Mätdatum): datumet ska skrivas '
        "ÅÅÅÅ-MM-DD, till exempel 2022-08-31. [datumformat]"],
    "orimligt-ar.csv": [
        'data/fel/orimligt-ar.csv:2:1: Fel värde "1899-05" i kolumnen "manad" (Månad): året 1899 är orimligt för en '
        "uppföljning. Rätta året. [orimligt-ar]"],
    # Columns in another order: a month's problems in the month's own column.
    "kolumner-i-annan-ordning-dubbel-manad.csv": [
        'data/fel/kolumner-i-annan-ordning-dubbel-manad.csv:5:2: "2022-03" finns redan på rad 4, men kolumnen "manad" får '
        "bara ha varje värde en gång. Ta bort den ena raden eller rätta värdet. [finns-redan]"],
    "kolumner-i-annan-ordning-fel-ordning.csv": [
        "data/fel/kolumner-i-annan-ordning-fel-ordning.csv:3:2: varning: Det saknas månader mellan 2022-01 och 2022-03: "
        "2022-02. Lägg till dem om glappet inte är avsiktligt. En uppgift som saknas skrivs x (i kolumner som får sakna "
        "värde). [glapp]",
        "data/fel/kolumner-i-annan-ordning-fel-ordning.csv:4:2: Månaden 2022-02 står efter 2022-03 (rad 3). Raderna ska "
        "stå i tidsordning, äldst först. [fel-ordning]"],
    # Keys compared as the same text however they were typed (NFC and NFD).
    "samma-nyckel-nfc-och-nfd.csv": [
        'data/fel/samma-nyckel-nfc-och-nfd.csv:3:1: "Antal hushåll" finns redan på rad 2, men kolumnen "matt" får bara ha '
        "varje värde en gång. Ta bort den ena raden eller rätta värdet. [finns-redan]"],
    # Numbers: spaces named exactly, other separators explained.
    "tunt-mellanslag-pa-fel-stalle.csv": [
        'data/fel/tunt-mellanslag-pa-fel-stalle.csv:2:4: Fel värde "16\u200990" i kolumnen "utbetalt_tkr" (Utbetalt '
        "försörjningsstöd): mellanslag på fel ställe i talet (tunt mellanslag, U+2009). Mellanslag får bara skilja "
        "tusental (1 690). [mellanslag-fel]"],
    "apostrof-som-tusentalsavgransare.csv": [
        'data/fel/apostrof-som-tusentalsavgransare.csv:2:4: Fel värde "1\'690" i kolumnen "utbetalt_tkr" (Utbetalt '
        "försörjningsstöd): apostrof som tusentalsavgränsare. Skriv 1 690. [apostrof-i-tal]"],
    "tvetydigt-komma.csv": [
        'data/fel/tvetydigt-komma.csv:2:4: Fel värde "1,690" i kolumnen "utbetalt_tkr" (Utbetalt försörjningsstöd): kommat '
        "är tvetydigt: det kan vara tusentalsavgränsare eller decimaltecken. Filen använder decimalpunkt. Skriv 1690 om "
        "du menar tusental, eller 1.690 om du menar decimaler. [tvetydigt-komma]"],
    "enhet-i-cellen.csv": [
        'data/fel/enhet-i-cellen.csv:2:4: Fel värde "1 690 tkr" i kolumnen "utbetalt_tkr" (Utbetalt försörjningsstöd): '
        "skriv talet utan enheten tkr: 1 690. Enheten står i schemat och visas av webbplatsen. [enhet-i-cellen]"],
    "rubrikraden-igen.csv": [
        "data/fel/rubrikraden-igen.csv:4:1: Rubrikraden står en gång till här, mitt bland raderna. Ta bort raden. "
        "[rubrikrad-igen]"],
    "andel-over-100.csv": [
        'data/fel/andel-over-100.csv:2:3: Värdet 194,9 i kolumnen "andel" (Andel) är större än det största tillåtna (100). '
        "Kontrollera siffrorna i källan. [over-maximum]"],
    # Excel's habits: text and numbers turned into dates, columns without a name.
    "excel-gjorde-text-till-datum.csv": [
        'data/fel/excel-gjorde-text-till-datum.csv:2:2: Fel värde "2019-04-30" i kolumnen "matperiod" (Mätperiod): '
        "kolumnen är text, men Excel har gjort om texten (troligen 30/4) till ett datum. Skriv texten som den ska stå, i "
        "GitHubs webbredigerare eller i Excel med en apostrof först ('30/4) innan filen sparas. Ska kolumnen innehålla "
        "datum: ange type: date för den i schemat. [text-blev-datum]"],
    "excel-visar-text-som-30-apr.csv": [
        'data/fel/excel-visar-text-som-30-apr.csv:2:2: Fel värde "30-apr" i kolumnen "matperiod" (Mätperiod): kolumnen är '
        "text, men Excel har gjort om texten (troligen 30/4) till ett datum. Skriv texten som den ska stå, i GitHubs "
        "webbredigerare eller i Excel med en apostrof först ('30/4) innan filen sparas. Ska kolumnen innehålla datum: "
        "ange type: date för den i schemat. [text-blev-datum]"],
    "excel-gjorde-tal-till-datum.csv": [
        'data/fel/excel-gjorde-tal-till-datum.csv:2:5: Fel värde "2022-08-08" i kolumnen "publicerat_tkr_per_hushall" '
        "(Försörjningsstöd per hushåll enligt källan): Excel har gjort om talet till ett datum. Skriv talet igen, och "
        "formatera kolumnen som tal i Excel innan filen sparas. [tal-blev-datum]"],
    "tom-kolumn-med-varden.csv": [
        'data/fel/tom-kolumn-med-varden.csv:4:7: Kolumnen saknar namn i rubrikraden men har värden (rad 4: "12"). Skriv '
        "kolumnens namn (manad, bistandstagare, hushall, utbetalt_tkr, publicerat_tkr_per_hushall, "
        "publicerat_tkr_per_bistandstagare) eller ta bort kolumnen. [kolumn-utan-namn]"],
    "excel-rad-sep-semikolon-forst.csv": [
        "data/fel/excel-rad-sep-semikolon-forst.csv:1:1: Första raden, sep=;, är en anvisning till Excel och inte en "
        "del av tabellen. Ta bort första raden sep=;, så att rubrikraden står först. [sep-rad]"],
    "rubrikraden-med-komma-raderna-med-semikolon.csv": [
        "data/fel/rubrikraden-med-komma-raderna-med-semikolon.csv:1:1: Rubrikraden skiljer kolumnerna med komma, men "
        "raderna under med semikolon. Skriv rubrikraden med semikolon: manad;bistandstagare;hushall;utbetalt_tkr;"
        "publicerat_tkr_per_hushall;publicerat_tkr_per_bistandstagare [rubrikrad-annat-skiljetecken]"],
    "tom-kolumn-i-mitten.csv": [
        "data/fel/tom-kolumn-i-mitten.csv:1:2: Kolumnen saknar namn i rubrikraden. Skriv kolumnens namn (manad, "
        "bistandstagare, hushall, utbetalt_tkr, publicerat_tkr_per_hushall, publicerat_tkr_per_bistandstagare) eller "
        "ta bort kolumnen. [kolumn-utan-namn]"],
}


def test_every_fault_file_has_its_expected_message():
    assert sorted(FAULTS) == sorted(p.name for p in (HERE / "fel").glob("*.csv"))


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_fault(tmp_path, name):
    assert problems(tmp_path, HERE / "fel" / name) == FAULTS[name]


# ------------------------------------------------------------ published right

VOLUMES = ["Antal hushåll som beviljats ekonomiskt bistånd, genomsnitt per månad", "Antal utnyttjade vårddygn i familjehem",
           "Lönebidragsanställning"]
MORE_TEXT = {
    "windows-1252-citattecken-tankstreck-euro.csv": ("Antal ärenden spelmissbruk", "”Nytt” mått jan–apr … kostnad i €"),
    "windows-1252-tecken-som-inte-ar-bokstaver.csv": (None, "Se …och Excel™"),
    "utf8-emoji.csv": ("Antal digitala ansökningar", "👩\u200d💻 e-tjänst, 🏳️\u200d🌈 och 🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f i texten"),
}


@pytest.mark.parametrize("name", sorted(p.name for p in (HERE / "ratt").glob("*.csv") if not p.name[0].isdigit()))
def test_published_right(tmp_path, name):
    """Every encoding and habit that can be read is read to the same values, in NFC."""
    catalog = planted(tmp_path, "ratt", [HERE / "ratt" / name])
    dataset = catalog.read(f"ratt/{name.removesuffix('.csv')}")
    assert [str(p) for p in dataset.problems] == []
    frame = dataset.frame
    if "matt" in frame:
        extra = MORE_TEXT.get(name)
        assert frame["matt"].tolist() == VOLUMES + ([extra[0]] if extra and extra[0] else [])
        assert all(unicodedata.is_normalized("NFC", text) for text in frame["matt"])
        assert frame["utfall_jan_apr_2019"].tolist()[:3] == [602, 4518, 45]
        assert frame["anmarkning"].tolist()[2] == "Ökning från 2018"
        if extra and extra[0]:
            assert frame["anmarkning"].tolist()[3] == extra[1]
        elif extra:  # typographic signs in Windows-1252 that no other code page makes å, ä or ö of are text
            assert frame["anmarkning"].tolist()[0] == extra[1]
    else:
        assert frame["manad"].tolist() == ["2022-01", "2022-02", "2022-03"]
        assert frame["hushall"].tolist() == [191, 199, 198]
        assert frame["utbetalt_tkr"].tolist() == [1690.0, 1925.0, 1821.0]
