"""Seed data: the four municipalities' quality standards (kvalitetsstandarder) as configuration.

Source: /work/shared/seeds/*.txt (plain-text PDF extractions). Line numbers in `citations`
are line numbers of those .txt files (as printed by `grep -n` / `cat -n`). Quotes are verbatim,
except that a word split by a line-end hyphen ("henvendel-" / "sen") is quoted joined, and
line breaks are rendered as single spaces.

CONVENTIONS
- `citations` holds one entry for every field whose value comes from the seed.
- `law_defaults` lists every field where the municipality's own text is silent and the law's
  value was used. Where the value comes only from the *law text that the seed reprints* in its
  "Lovgrundlag" section (not from the municipality's own prose), the field is listed in
  `law_defaults` AND cited, with the citation marked "(law text reprinted in seed)".
  Affected: Randers anonymous_service / anonymous_closing_talk; Fredericia and Odsherred
  anonymous_closing_talk; Odsherred guarantee_under_18.
- Month-only dates are expanded to the first day (start) or last day (end) of the month.
- Offers that consist of talks at the centre (individual, group, family-oriented, mobile team)
  are classed "outpatient", even where the seed does not use the word "ambulant"
  (Randers, Fredericia).
- A range of talks ("1-3 samtaler", "1-5 samtaler") is not squeezed into the int `sessions`
  field; it is left None and stated in the description.

DISAGREEMENTS WITH DOMAIN.md (the seed wins; values below follow the seed)
1. Odsherred, assessment_at_treatment_start = True. DOMAIN.md lists only Randers and Fredericia,
   but Odsherred says "Første skridt i behandlingen er indskrivningssamtalen, hvor der laves en
   udredning af borgerens samlede situation" (seed 004 l. 422-423): the assessment is made at
   the enrolment talk, the first step of treatment. The same law check (SEL §101(2), G3.5.3:
   assessment before the decision) applies. Please confirm.
2. Odsherred, complaint deadline: the "4 uger" in the seed (l. 687-688) is the municipality's
   time to RE-ASSESS ("som har 4 uger til at genvurdere"), not the citizen's deadline. The seed
   gives no deadline for the citizen, so complaint_deadline_weeks = 4 is the RSL §67 law default
   and complaint_reassessment_weeks = 4 comes from the seed. (The DOMAIN.md table reads it
   correctly; it is noted here because it is easy to mix up.)
3. Mariagerfjord, plan_review_interval_months = None. DOMAIN.md §2.5 says "repeat the 5 months
   unless told otherwise", but the seed only says "senest efter 5 måneders behandling"
   (l. 302-303). No interval is stated and the law has no number, so it is None here. If you
   want DOMAIN.md's rule, the importer has to apply it.
4. Randers, family programme: DOMAIN.md couples it to the risk assessment ("notifies when it
   judges a risk and enrols the parent in its family programme"). The seed enrols ANY parent
   with children: "Hvis du har børn, vil vi også indskrive dig i familieindsatsen" (l. 313).
   Notification is still only on risk (l. 311-312).
5. Randers, instruments: DOMAIN.md §2.3 says "ASI + VoksenMap". The seed also names UngMap for
   under-18s (l. 424), as the DOMAIN.md table does. The seed says "ASI" (Addiction Severity
   Index), not EuropASI, so "ASI" is used.
6. Fredericia, children: the DOMAIN.md table has "—". The seed is silent about notification, so
   child_notification_policy = "on_concern" is the law default (SEL §153 heightened duty to
   notify, as quoted in G3.5) and is in law_defaults. Fredericia does have a
   family-oriented treatment (l. 205), so family_programme = True.
7. Odsherred, family_programme = True (DOMAIN.md does not mention it). The basis is
   "Par- og familiesamtaler i et rusmæssigt perspektiv" (l. 480) and partner/children being
   offered a part in treatment (l. 405-407). This is not a named programme; a judgement call.
8. Day-treatment intensity at Odsherred: the seed says "mere end 8 gange om måneden" (l. 520),
   which is MORE than 8, so contacts_per_month_min = 9. G2.3 / DOMAIN.md say "at least 8".

DOUBTS (values chosen; please review)
- Randers guarantee_start_event = "first_contact" (as in DOMAIN.md). The seed's wording,
  "senest 14 dage efter, du har henvendt dig til kommunen" (l. 341), is the law's own wording,
  which G3.4 reads as the first expressed wish. Only Fredericia explicitly says
  "fra første henvendelse". Either value is no stricter than the law.
- Randers: the guarantee is stated "for dig, der er over 18 år" (l. 339-340). This is read as
  18+ plus the under-18 special cases (l. 351-357).
- Randers is an old document. It cites LBK 810/2012 and the old §101 stk. 2 numbering, its
  outcome target runs to "med udgangen af 2020" (l. 411), and its Rusmiddelplan is from 2017.
  No validity or approval dates are given, so all dates are None.
- Randers readmission target: the base is citizens discharged as "færdigbehandlede" (l. 412-414).
  Odsherred's base is everyone "som efter afsluttet behandling" returns (l. 838-839), which is
  broader than completed treatment.
- Randers and Fredericia do not say whether residential stays are in-house or bought from
  external institutions. Residential is listed under the municipal centre because the seeds
  attribute the offer to it ("varetages af Rusmiddelcenter Randers", l. 255-256;
  "Fredericia Rusmiddelcenter har følgende tilbud", l. 191).
- Fredericia contradicts itself on under-18s. It says the guarantee applies "uanset alder og
  misbrug" (l. 281), then reprints the special-cases rule for under-18s (l. 283-289).
  guarantee_under_18 = "all_ages" follows the standard's own promise, as the brief asks. By law
  the product enforces the guarantee only for the special cases.
- Fredericia promises that the citizen "vil modtage et behandlingstilbud" within 14 days
  (l. 281-282). Receiving an offer is not the same as treatment being initiated (SEL §101(4)).
  Odsherred also says "skal dette tilbydes indenfor 14 dage" (l. 417), although elsewhere it says
  "Behandlingen skal tilbydes" (l. 667).
- Fredericia residential processing "op til 8 uger" (l. 232-233) conflicts with the 14-day
  guarantee. The law check should flag it.
- Fredericia's anonymous §101a treatment: the seed names only towns ("Odense, Esbjerg og
  Kolding", l. 250), not providers. Three centres were created with descriptive names, and their
  kind "external_public" is ASSUMED (not stated). Fredericia's anonymous criteria also require
  "over 18 år" (l. 244).
- Fredericia day treatment appears only as a staff team ("ambulant- og dagbehandling",
  l. 377-378). It has no description, intensity or duration.
- Fredericia uses three names for its centre: "Fredericia Rusmiddelcenter" (l. 52),
  "Rusmiddelcenter Fredericia" (l. 325) and "Misbrugscentret i Fredericia" (l. 346). The first
  is used. The seed also cites the repealed BEK 430/2014 (l. 36) and old numbering
  (SUL §141 stk. 5 for anonymity, l. 492).
- Fredericia has no plan-review interval, no targets and no instruments: left None / [].
- Mariagerfjord says "Fristen på 14 dage gælder kun i forhold til de behandlingstilbud,
  Rusmiddelcentret selv råder over" (l. 259-260) and has no residential institutions of its own
  (l. 231-233). Read literally, that would exclude residential treatment from the guarantee,
  which goes beyond SEL §101(6). It sits in the free-choice context, so it was NOT turned into a
  waiver. Please flag it in the law check.
- Mariagerfjord names only ONE anonymous provider, in Aalborg (l. 205-206). SEL §101a(2)
  requires at least two, one of them outside the municipality. Randers and Odsherred name none.
- Mariagerfjord outcome target: "til sammen udgør 50% af de borgere, vi har i behandling"
  (l. 379-382). The base is ambiguous (people in treatment vs. people discharged), and
  "udgør" is read as a minimum.
- Mariagerfjord says nothing about follow-up after discharge, so [1, 6] is the law default.
- Odsherred dates are month-precise only: valid_from 2025-01-01, valid_to and next_revision_by
  2026-12-31.
- Odsherred's outcome targets are stated as "et mål om, at: 35 %". This is read as a minimum.
  "clean og/eller ædru" covers alcohol too, and maps to measure "abstinent".
- Odsherred's intensive tier is "minimum én gang om ugen ... af 12 gange, svarende til 3
  måneders" (l. 512-513). This is mapped to contacts_per_month_min = 4 (12 talks / 3 months).
- Odsherred, case handling: Borgerrådgiveren "kan vejlede dig, hvis du vil klage over
  sagsbehandlingen" (l. 715-717). That is guidance; the seed does not say that Borgerrådgiveren
  decides such complaints.
- Odsherred names the medical complaints body "Styrelsen for Patientsikkerhed" (l. 700). The law
  quoted in G3.6 names Styrelsen for Patientklager. It is kept as the seed says.
- Odsherred's follow-up at 1 and 3 months (l. 823-826) is stated for people in drug treatment
  only, and it falls short of the law's 6-month follow-up.
- Odsherred does not name its external day/residential providers ("godkendte offentlige og
  private behandlingssteder", l. 27-28) or its §101a providers. None were invented. Mariagerfjord
  does not name its residential institutions either. The family outpatient clinics (Aalborg
  Sygehus, Slagelse) and the drop-in place Vendepunktet are referral partners, not treatment
  providers. They appear in other_practices, not in centres.
- The kommune numbers (730, 607, 846, 306) come from the brief, not the seeds.
"""

SEED_STANDARDS = [
    # ------------------------------------------------------------------ Randers (seed 000)
    {
        "municipality": {"name": "Randers Kommune", "code": "730"},
        "centres": [
            {
                "name": "Rusmiddelcenter Randers",
                "kind": "municipal",
                "laws": ["SEL_101"],
                "offer_kinds": ["advice", "outpatient", "residential"],
                "address": "",
                "citation": "seed 000 line 255: «I Randers Kommune varetages den sociale behandling for stofmisbrug af Rusmiddelcenter Randers»",
            },
        ],
        "standard": {
            "title": "Kvalitetsstandard for social behandling for stofmisbrug",
            "source_document": "seeds/000_f02513a0747cd043.txt",
            "valid_from": None,
            "valid_to": None,
            "approved_on": None,
            "next_revision_by": None,
            "laws_covered": ["SEL_101", "SEL_101A"],
            "minimum_age": None,
            "guarantee_days": 14,
            "guarantee_start_event": "first_contact",
            "guarantee_under_18": "special_cases",
            "local_guarantee_waivers": [],
            "assessment_deadline_days": 14,
            "assessment_at_treatment_start": True,
            "plan_first_review_months": 6,
            "plan_review_interval_months": 6,
            "plan_review_at_period_end": False,
            "follow_up_months": [1, 6],
            "complaint_deadline_weeks": 4,
            "complaint_reassessment_weeks": None,
            "residential_min_months": 1,
            "residential_max_months": 3,
            "residential_processing_weeks": None,
            "anonymous_service": True,
            "anonymous_sessions": None,
            "anonymous_closing_talk": True,
            "anonymous_intake_rhythm": "",
            "anonymous_providers": [],
            "outcome_targets": [
                {
                    "measure": "abstinent_or_reduced",
                    "min_percent": 60,
                    "text": "Andelen af borgere med stofproblemer, som opnår reduktion eller afholdenhed i forhold til deres misbrug efter endt behandling, skal ligge på 60 % med udgangen af 2020.",
                },
            ],
            "readmission_target": {
                "max_percent": 15,
                "within_months": 12,
                "text": "Højest 15 % af de borgere, der er udskrevet som færdigbehandlede, genindskrives i misbrugsbehandlingen inden for 12 måneder efter udskrivning.",
            },
            "instruments": ["ASI", "VOKSENMAP", "UNGMAP"],
            "child_notification_policy": "on_risk",
            "child_talks_from_age": None,
            "family_programme": True,
            "complaint_routes": [
                {"subject": "decision", "body": "Rusmiddelcenter Randers", "deadline": "inden for 4 uger", "then": "Ankestyrelsen"},
                {"subject": "case_handling", "body": "socialchefen", "deadline": "Der er ingen klagefrist.", "then": ""},
            ],
            "offers": [
                {"kind": "advice", "name": "Åben Rådgivning", "contacts_per_month_min": None, "contacts_per_month_max": None, "sessions": None, "duration_months_min": None, "duration_months_max": None,
                 "description": "Visitation til social stofmisbrugsbehandling foretages på baggrund af en visitationssamtale i Åben Rådgivning."},
                {"kind": "outpatient", "name": "Individuelle samtaler", "contacts_per_month_min": None, "contacts_per_month_max": None, "sessions": None, "duration_months_min": None, "duration_months_max": None,
                 "description": "Du kan med jævne mellemrum få individuelle samtaler med en behandler."},
                {"kind": "outpatient", "name": "Gruppebehandling", "contacts_per_month_min": None, "contacts_per_month_max": None, "sessions": None, "duration_months_min": None, "duration_months_max": None,
                 "description": "Du mødes med en behandler og andre, som er i samme situation som dig."},
                {"kind": "outpatient", "name": "Familieorienteret rusmiddelbehandling", "contacts_per_month_min": None, "contacts_per_month_max": None, "sessions": None, "duration_months_min": None, "duration_months_max": None,
                 "description": "For familier med børn under 18 år, hvor en forælder har rusmiddelproblemer; individuelle samtaler, parsamtaler og familiesamtaler."},
                {"kind": "outpatient", "name": "Mobilteam", "contacts_per_month_min": None, "contacts_per_month_max": None, "sessions": None, "duration_months_min": None, "duration_months_max": None,
                 "description": "For stofafhængige med komplekse problemstillinger; behandlingen kan startes op i eget hjem, på sygehuset eller et forsorgshjem."},
                {"kind": "residential", "name": "Døgnbehandling", "contacts_per_month_min": None, "contacts_per_month_max": None, "sessions": None, "duration_months_min": 1, "duration_months_max": 3,
                 "description": "Døgnbehandling varer typisk 1-3 måneder og evalueres midtvejs og i afslutningen af forløbet."},
            ],
            "other_practices": [
                "Visitation foretages på baggrund af en visitationssamtale i Åben Rådgivning.",
                "Ved opfølgning på behandlingsplanen udfylder borgeren et skema om sin situation de seneste 30 dage i forhold til misbrug, helbred, sociale relationer, arbejde og kriminalitet.",
                "Det fremgår af behandlingsplanen, at der følges op med en telefonisk samtale 1 og 6 måneder efter afsluttet behandling.",
                "Ved døgnbehandling bevilges opholdet efter SEL §107 og behandlingen efter §101; borgeren har egenbetaling for kost og logi efter reglerne for midlertidige ophold (SEL §107), som kan nedsættes efter en konkret vurdering.",
                "Døgnbehandlingen evalueres midtvejs og i afslutningen af forløbet.",
                "Ved opstart af behandling spørges borgeren, om vedkommende har børn under 18 år, og en forælder med børn indskrives også i familieindsatsen.",
                "Alkoholbehandling eller substitutionsbehandling efter SUL §§141-142 kan supplere den sociale behandling, men er ikke omfattet af denne kvalitetsstandard.",
                "De lokale mål bygger på kommunens Rusmiddelplan, som er politisk godkendt i 2017, og på de nationale 10 mål for social mobilitet.",
            ],
            "citations": {
                "title": "seed 000 line 1: «Kvalitetsstandard for social behandling for stofmisbrug»",
                "laws_covered": "seed 000 line 472: «I det følgende beskrives lovgrundlaget for stofmisbrugsbehandlingen»; line 486: «§ 101 i Serviceloven»; line 507: «§ 101 a i Serviceloven»",
                "minimum_age": "seed 000 line 119: «skal tilbyde stofmisbrugsbehandling til alle unge og voksne»",
                "guarantee_days": "seed 000 lines 339-341: «Der er en behandlingsgaranti for social behandling for stofmisbrug for dig, der er over 18 år. Det betyder, at du har krav på, at behandlingen skal starte op senest 14 dage efter, du har henvendt dig til kommunen»",
                "guarantee_start_event": "seed 000 line 341: «starte op senest 14 dage efter, du har henvendt dig til kommunen»",
                "guarantee_under_18": "seed 000 lines 351-353: «Behandlingsgaranti i særlige tilfælde til unge under 18 år med stofmisbrug er fastsat i servicelovens § 101, stk. 3. Paragraffen omfatter kun unge, som har alvorlige sociale og adfærdsmæssige problemer»",
                "local_guarantee_waivers": "seed 000 lines 268-270: «Hvis du vælger at benytte dig af frit valg, skal du være opmærksom på, at du ikke har samme krav om, at behandling skal iværksættes senest 14 dage»",
                "assessment_at_treatment_start": "seed 000 lines 286-287: «Når du starter i behandling, vil du i samarbejde med en behandler lave en uddybende afdækning»",
                "plan_first_review_months": "seed 000 lines 371-372: «Der bliver løbende og senest hver 6. måned lavet opfølgning på din behandlingsplan»",
                "plan_review_interval_months": "seed 000 lines 371-372: «Der bliver løbende og senest hver 6. måned lavet opfølgning på din behandlingsplan»",
                "follow_up_months": "seed 000 lines 375-376: «Det skal vi gøre 1 og 6 måneder efter, du har afsluttet behandlingen»",
                "complaint_deadline_weeks": "seed 000 line 323: «Du kan klage over din afgørelse inden for 4 uger»",
                "residential_min_months": "seed 000 line 199: «Døgnbehandling varer typisk 1-3 måneder»",
                "residential_max_months": "seed 000 line 199: «Døgnbehandling varer typisk 1-3 måneder»",
                "anonymous_service": "(law text reprinted in seed) seed 000 line 507: «§ 101 a i Serviceloven: Kommunalbestyrelsen skal tilbyde anonym»",
                "anonymous_closing_talk": "(law text reprinted in seed) seed 000 lines 543-545: «indeholde gruppebehandling og mulighed for en individuel, afsluttende samtale»",
                "outcome_targets": "seed 000 lines 409-411: «Andelen af borgere med stofproblemer, som opnår reduktion eller afholdenhed i forhold til deres misbrug efter endt behandling, skal ligge på 60 % med udgangen af 2020»",
                "readmission_target": "seed 000 lines 412-414: «Højest 15 % af de borgere, der er udskrevet som færdigbehandlede, genindskrives i misbrugsbehandlingen inden for 12 måneder efter udskrivning»",
                "instruments": "seed 000 lines 422-424: «Hertil bruges validerede redskaber som ASI-kortlægningsskemaet (Addiction Severity Index) og Voksenmap til borgere over 18 år. Ungmap benyttes i kortlægningen og vurderingen af unge under 18 år»",
                "child_notification_policy": "seed 000 lines 311-313: «Hvis vi vurderer, at dit barn er i risiko for at blive udsat for svigt eller fare, laver vi en underretning»",
                "family_programme": "seed 000 line 313: «Hvis du har børn, vil vi også indskrive dig i familieindsatsen»; line 169: «Familieorienteret rusmiddelbehandling»",
                "complaint_routes": "seed 000 lines 323-327: «Klagen sendes til Rusmiddelcenter Randers, som revurderer afgørelsen»; lines 326-327: «fremsendes den til afgørelse i Ankestyrelsen»; lines 331-332: «Eventuelle klager over sagsbehandlingen kan indsendes til socialchefen. Der er ingen klagefrist»",
                "offers": "seed 000 lines 279-280: «Visitation til social stofmisbrugsbehandling foretages på baggrund af en visitationssamtale i Åben Rådgivning»; line 158: «Individuelle samtaler»; line 164: «Gruppebehandling»; line 169: «Familieorienteret rusmiddelbehandling»; line 181: «Mobilteam»; line 192: «Døgnbehandling»; line 199: «Døgnbehandling varer typisk 1-3 måneder»",
                "other_practices": "seed 000 lines 368-370: «du udfylder et skema omkring din situation de senest 30 dage»; lines 380-381: «følges op i form af telefonisk samtale med dig senest 1 måned»; lines 209-210: «opholdet blive bevilget efter servicelovens § 107 og behandlingen efter servicelovens § 101»; lines 212-213: «du vil have en egenbetaling for kost og logi»; line 201: «Behandlingen evalueres midtvejs og i afslutningen af forløbet»; line 313: «vil vi også indskrive dig i familieindsatsen»; lines 203-205: «alkoholbehandling eller substitutionsbehandling efter sundhedslovens §§141-142»; line 392: «Randers Kommune har en Rusmiddelplan, som er politisk godkendt i 2017»",
            },
            "law_defaults": [
                "assessment_deadline_days",
                "anonymous_service",
                "anonymous_closing_talk",
            ],
        },
    },
    # --------------------------------------------------------------- Fredericia (seed 002)
    {
        "municipality": {"name": "Fredericia Kommune", "code": "607"},
        "centres": [
            {
                "name": "Fredericia Rusmiddelcenter",
                "kind": "municipal",
                "laws": ["SEL_101", "SUL_141"],
                "offer_kinds": ["advice", "outpatient", "day", "residential"],
                "address": "",
                "citation": "seed 002 lines 191-192: «Fredericia Rusmiddelcenter har følgende tilbud til dig, der har misbrugsproblemer»; lines 377-378: «Personalegruppen arbejder i teams i forhold til ungetilbud, ambulant- og dagbehandling samt sundhedsydelser»",
            },
            {
                "name": "Anonym ambulant stofbehandling, Odense",
                "kind": "external_public",
                "laws": ["SEL_101A"],
                "offer_kinds": ["anonymous"],
                "address": "",
                "citation": "seed 002 line 250: «Behandlingen tilbydes i Odense, Esbjerg og Kolding» (provider name and kind not stated; kind assumed)",
            },
            {
                "name": "Anonym ambulant stofbehandling, Esbjerg",
                "kind": "external_public",
                "laws": ["SEL_101A"],
                "offer_kinds": ["anonymous"],
                "address": "",
                "citation": "seed 002 line 250: «Behandlingen tilbydes i Odense, Esbjerg og Kolding» (provider name and kind not stated; kind assumed)",
            },
            {
                "name": "Anonym ambulant stofbehandling, Kolding",
                "kind": "external_public",
                "laws": ["SEL_101A"],
                "offer_kinds": ["anonymous"],
                "address": "",
                "citation": "seed 002 line 250: «Behandlingen tilbydes i Odense, Esbjerg og Kolding» (provider name and kind not stated; kind assumed)",
            },
        ],
        "standard": {
            "title": "Kvalitetsstandard for social behandling for stofmisbrug",
            "source_document": "seeds/002_0c8edf3c6b07a7d9.txt",
            "valid_from": None,
            "valid_to": None,
            "approved_on": None,
            "next_revision_by": None,
            "laws_covered": ["SEL_101", "SEL_101A", "SUL_141"],
            "minimum_age": None,
            "guarantee_days": 14,
            "guarantee_start_event": "first_contact",
            "guarantee_under_18": "all_ages",
            "local_guarantee_waivers": [],
            "assessment_deadline_days": 14,
            "assessment_at_treatment_start": True,
            "plan_first_review_months": None,
            "plan_review_interval_months": None,
            "plan_review_at_period_end": False,
            "follow_up_months": [1, 6],
            "complaint_deadline_weeks": 4,
            "complaint_reassessment_weeks": None,
            "residential_min_months": 1,
            "residential_max_months": 3,
            "residential_processing_weeks": 8,
            "anonymous_service": True,
            "anonymous_sessions": None,
            "anonymous_closing_talk": True,
            "anonymous_intake_rhythm": "",
            "anonymous_providers": ["Odense", "Esbjerg", "Kolding"],
            "outcome_targets": [],
            "readmission_target": None,
            "instruments": [],
            "child_notification_policy": "on_concern",
            "child_talks_from_age": None,
            "family_programme": True,
            "complaint_routes": [
                {"subject": "decision", "body": "Rusmiddelcenter Fredericia", "deadline": "inden for 4 uger", "then": "Ankestyrelsen"},
                {"subject": "case_handling", "body": "leder for rusmiddelcenteret", "deadline": "Der er ingen klagefrist.", "then": ""},
            ],
            "offers": [
                {"kind": "advice", "name": "Åben anonym rådgivning", "contacts_per_month_min": None, "contacts_per_month_max": None, "sessions": None, "duration_months_min": None, "duration_months_max": None,
                 "description": "Tilbydes til enhver borger og samarbejdspartner i Fredericia Kommune vedrørende stofmisbrugsproblematikker."},
                {"kind": "outpatient", "name": "Individuelle samtaler", "contacts_per_month_min": None, "contacts_per_month_max": None, "sessions": None, "duration_months_min": None, "duration_months_max": None,
                 "description": "Du kan med jævne mellemrum få individuelle samtaler med en behandler."},
                {"kind": "outpatient", "name": "Gruppebehandling", "contacts_per_month_min": None, "contacts_per_month_max": None, "sessions": None, "duration_months_min": None, "duration_months_max": None,
                 "description": "Du mødes med en behandler og andre, som er i samme situation som dig."},
                {"kind": "outpatient", "name": "Familieorienteret rusmiddelbehandling", "contacts_per_month_min": None, "contacts_per_month_max": None, "sessions": None, "duration_months_min": None, "duration_months_max": None,
                 "description": "For familier med børn under 18 år, hvor en forælder har rusmiddelproblemer; individuelle samtaler, parsamtaler og familiesamtaler."},
                {"kind": "day", "name": "Dagbehandling", "contacts_per_month_min": None, "contacts_per_month_max": None, "sessions": None, "duration_months_min": None, "duration_months_max": None,
                 "description": "Personalegruppen arbejder i teams i forhold til ungetilbud, ambulant- og dagbehandling samt sundhedsydelser."},
                {"kind": "residential", "name": "Døgnbehandling", "contacts_per_month_min": None, "contacts_per_month_max": None, "sessions": None, "duration_months_min": 1, "duration_months_max": 3,
                 "description": "Døgnbehandling varer typisk 1-3 måneder; der må forventes en sagsbehandlingstid på op til 8 uger."},
                {"kind": "anonymous", "name": "Anonym ambulant stofbehandling", "contacts_per_month_min": None, "contacts_per_month_max": None, "sessions": None, "duration_months_min": None, "duration_months_max": None,
                 "description": "Tilbydes borgere over 18 år i uddannelse eller beskæftigelse med afklarede boligforhold; behandlingen tilbydes i Odense, Esbjerg og Kolding."},
            ],
            "other_practices": [
                "Standarden omfatter alkoholbehandling efter SUL §141 samt stofmisbrugsbehandling efter SEL §101/§101a.",
                "Visitation foretages på baggrund af en visitationssamtale i Åben Rådgivning.",
                "Anonym behandling efter §101a tilbydes borgere, der er i uddannelse eller beskæftigelse, er over 18 år, har et reelt ønske om at reducere eller stoppe deres forbrug af rusmidler, har afklarede boligforhold og har brug for anonymitet.",
                "Ved ansøgning om døgnbehandling må der forventes en sagsbehandlingstid på op til 8 uger, hvilket strider mod behandlingsgarantien på 14 dage.",
                "Ved døgnbehandling bevilges opholdet efter SEL §107 og behandlingen efter §101, og borgeren har egenbetaling for kost og logi.",
                "Døgnbehandlingen evalueres midtvejs og i afslutningen af forløbet.",
                "Ved indskrivning anføres det i behandlingsplanen, at der følges op 1 og 6 måneder efter afsluttet behandling, og det aftales med borgeren, hvordan kontakten genetableres (adresse, telefonnummer, mailadresse, andet).",
                "Opfølgningen består som minimum af en telefonisk samtale, og det registreres, hvis borgeren ikke har kunnet kontaktes, er flyttet fra kommunen eller er faldet tilbage i misbrug.",
                "Rusmiddelcenteret tilbyder et gradueret og faseopdelt behandlingstilbud, som i sin sidste fase fokuserer på den enkeltes sociale integration, herunder udplacering på arbejdsmarkedet.",
                "Personalet arbejder blandt andet i et team for ungetilbud og et team for sundhedsydelser.",
                "Borgerne henvises til Socialtilsyn Syd, hvor de helt anonymt kan henvende sig om bekymrende forhold på tilbuddet.",
            ],
            "citations": {
                "title": "seed 002 line 1: «Kvalitetsstandard for social behandling for stofmisbrug»",
                "laws_covered": "seed 002 lines 63-65: «Når vi yder dig behandling, gør vi det med udgangspunkt i serviceloven for stofmisbrugsbehandling og efter sundhedsloven når det gælder alkoholbehandling»; line 241: «Anonym ambulant stofbehandling»; line 425: «§ 101 a i Serviceloven»; line 473: «Sundhedslovens § 141»",
                "minimum_age": "seed 002 line 281: «uanset alder og misbrug»; line 377: «ungetilbud»",
                "guarantee_days": "seed 002 lines 279-280: «Der er i henhold til Servicelovens § 101 stk. 2 og stk. 3, samt Sundhedslovens § 141 stk. 2 en behandlingsgaranti på 14 dage»",
                "guarantee_start_event": "seed 002 lines 281-282: «inden 14 dage fra første henvendelse vil modtage et behandlingstilbud»",
                "guarantee_under_18": "seed 002 lines 280-281: «Hvilket indebærer at borgeren – uanset alder og misbrug – inden 14 dage»",
                "local_guarantee_waivers": "seed 002 lines 316-318: «Hvis du vælger at benytte dig af frit valg, skal du være opmærksom på, at du ikke har samme krav om, at behandling skal iværksættes senest 14 dage»",
                "assessment_at_treatment_start": "seed 002 lines 291-292: «Når du starter i behandling, vil du i samarbejde med en behandler lave en uddybende afdækning»",
                "follow_up_months": "seed 002 lines 346-348: «sikrer opfølgning på borgerens behandlingsplan senest 1 måned efter at et behandlingsforløb er afsluttet, og igen 6 måneder efter behandlingsforløbet er afsluttet»",
                "complaint_deadline_weeks": "seed 002 line 324: «Du kan klage over din afgørelse inden for 4 uger»",
                "residential_min_months": "seed 002 line 228: «Døgnbehandling varer typisk 1-3 måneder»",
                "residential_max_months": "seed 002 line 228: «Døgnbehandling varer typisk 1-3 måneder»",
                "residential_processing_weeks": "seed 002 lines 232-233: «Ved ansøgning om døgnbehandling jf. SEL § 101 må der forventes en sagsbehandlingstid på op til 8 uger efter modtagelse af din ansøgning»",
                "anonymous_service": "seed 002 line 241: «Anonym ambulant stofbehandling»",
                "anonymous_closing_talk": "(law text reprinted in seed) seed 002 lines 466-468: «indeholde gruppebehandling og mulighed for en individuel, afsluttende samtale»",
                "anonymous_providers": "seed 002 line 250: «Behandlingen tilbydes i Odense, Esbjerg og Kolding»",
                "family_programme": "seed 002 lines 205-208: «Familieorienteret rusmiddelbehandling Formålet med familieorienteret rusmiddelbehandling er, at du og dine pårørende sammen kan få den nødvendige støtte»",
                "complaint_routes": "seed 002 lines 324-329: «Klagen sendes til Rusmiddelcenter Fredericia, som revurderer afgørelsen»; lines 326-328: «fremsendes den til afgørelse i Ankestyrelsen»; lines 333-334: «Eventuelle klager over sagsbehandlingen kan indsendes til leder for rusmiddelcenteret. Der er ingen klagefrist»",
                "offers": "seed 002 line 236: «Åben anonym rådgivning»; line 194: «Individuelle samtaler»; line 200: «Gruppebehandling»; line 205: «Familieorienteret rusmiddelbehandling»; lines 377-378: «ambulant- og dagbehandling»; line 219: «Døgnbehandling»; line 228: «Døgnbehandling varer typisk 1-3 måneder»; line 241: «Anonym ambulant stofbehandling»",
                "other_practices": "seed 002 lines 63-65: «efter sundhedsloven når det gælder alkoholbehandling»; lines 269-270: «visitationssamtale i Åben Rådgivning»; lines 242-247: «Er i uddannelse eller beskæftigelse»; line 244: «Er over 18 år»; lines 232-233: «sagsbehandlingstid på op til 8 uger»; lines 257-258: «du vil have en egenbetaling for kost og logi»; line 230: «Behandlingen evalueres midtvejs og i afslutningen af forløbet»; lines 355-357: «Det aftales med borger, hvordan kontakten genetableres (adresse, telefonnummer, mailadresse, andet)»; lines 358-359: «som et minimum, af en telefonisk samtale»; lines 364-366: «hvis det ikke har været muligt at kontakte borgeren, hvis borgeren er flyttet fra kommunen eller er faldet tilbage i misbrug»; lines 124-126: «et gradueret og faseopdelt behandlingstilbud»; lines 377-378: «ungetilbud, ambulant- og dagbehandling samt sundhedsydelser»; line 339: «henvende dig helt anonymt til Socialtilsyn Syd»",
            },
            "law_defaults": [
                "assessment_deadline_days",
                "anonymous_closing_talk",
                "child_notification_policy",
            ],
        },
    },
    # ------------------------------------------------------------ Mariagerfjord (seed 003)
    {
        "municipality": {"name": "Mariagerfjord Kommune", "code": "846"},
        "centres": [
            {
                "name": "Mariagerfjord Rusmiddelcenter",
                "kind": "municipal",
                "laws": ["SEL_101", "SEL_101A"],
                "offer_kinds": ["advice", "outpatient"],
                "address": "",
                "citation": "seed 003 lines 124-125: «Mariagerfjord Kommunes tilbud om social behandling for stofmisbrug for borgere fra 15 år og derover, varetages af Rusmiddelcentret»; lines 208-209: «starter derfor med indledende samtale i Rusmiddelcentret, Mariagerfjord»",
            },
            {
                "name": "Rusmiddelafsnittet i Aalborg",
                "kind": "external_public",
                "laws": ["SEL_101A"],
                "offer_kinds": ["anonymous"],
                "address": "Sofiendalsvej 7, 9200 Aalborg SV",
                "citation": "seed 003 lines 205-208: «har indgået samarbejde med Rusmiddelafsnittet i Aalborg om anonym stofmisbrugsbehandling. Behandlingen sker i grupper via separat og anonym indgang på Sofiendalsvej 7, 9200 Aalborg SV»; lines 71-72: «med fysisk placering i Aalborg Kommune, som er samarbejdspartner på området»",
            },
        ],
        "standard": {
            "title": "Kvalitetsstandard: Social behandling for stofmisbrug efter § 101 i Lov om Social Service",
            "source_document": "seeds/003_789dd0a1259af883.txt",
            "valid_from": None,
            "valid_to": None,
            "approved_on": None,
            "next_revision_by": None,
            "laws_covered": ["SEL_101", "SEL_101A"],
            "minimum_age": 15,
            "guarantee_days": 14,
            "guarantee_start_event": "first_expressed_wish",
            "guarantee_under_18": "special_cases",
            "local_guarantee_waivers": ["declined", "no_show", "no_cooperation"],
            "assessment_deadline_days": 14,
            "assessment_at_treatment_start": False,
            "plan_first_review_months": 5,
            "plan_review_interval_months": None,
            "plan_review_at_period_end": False,
            "follow_up_months": [1, 6],
            "complaint_deadline_weeks": 4,
            "complaint_reassessment_weeks": None,
            "residential_min_months": 2,
            "residential_max_months": 4,
            "residential_processing_weeks": None,
            "anonymous_service": True,
            "anonymous_sessions": 8,
            "anonymous_closing_talk": True,
            "anonymous_intake_rhythm": "quarterly",
            "anonymous_providers": ["Rusmiddelafsnittet i Aalborg"],
            "outcome_targets": [
                {
                    "measure": "abstinent_or_reduced",
                    "min_percent": 50,
                    "text": "Det er vores mål at andelen af personer med et stofmisbrug, der efter afsluttet behandling er stoffri eller har reduceret deres stofmisbrug til sammen udgør 50% af de borgere, vi har i behandling for stofmisbrug.",
                },
            ],
            "readmission_target": None,
            "instruments": ["VOKSENMAP"],
            "child_notification_policy": "always",
            "child_talks_from_age": None,
            "family_programme": False,
            "complaint_routes": [
                {"subject": "decision", "body": "Rusmiddelcentret", "deadline": "fire uger fra modtagelsen af afgørelsen", "then": "Ankestyrelsen"},
            ],
            "offers": [
                {"kind": "advice", "name": "Åben rådgivning og vejledning", "contacts_per_month_min": None, "contacts_per_month_max": None, "sessions": None, "duration_months_min": None, "duration_months_max": None,
                 "description": "Alle har mulighed for at kontakte Rusmiddelcentrets visitator og aftale en råd- og vejledningssamtale."},
                {"kind": "advice", "name": "Rådgivning til pårørende", "contacts_per_month_min": None, "contacts_per_month_max": None, "sessions": None, "duration_months_min": None, "duration_months_max": None,
                 "description": "Råd og vejledning om misbrugsproblematikker, også når du er pårørende."},
                {"kind": "other", "name": "Udredning og visitation", "contacts_per_month_min": None, "contacts_per_month_max": None, "sessions": None, "duration_months_min": None, "duration_months_max": None,
                 "description": "Alle borgere, der henvender sig, tilbydes udredning og visitation, som typisk består af 1-3 samtaler."},
                {"kind": "outpatient", "name": "Ambulant behandling", "contacts_per_month_min": None, "contacts_per_month_max": None, "sessions": None, "duration_months_min": None, "duration_months_max": None,
                 "description": "Den ambulante stofbehandling ydes i form af individuelle samtaler, og samtalehyppigheden aftales individuelt."},
                {"kind": "other", "name": "Ungeindsatsen, for de 15-30 årige", "contacts_per_month_min": None, "contacts_per_month_max": None, "sessions": None, "duration_months_min": None, "duration_months_max": None,
                 "description": "Tidlig indsats og opsporing af unge med misbrug; behandling af unge under 18 år kræver accept fra både forældremyndighed og den unge."},
                {"kind": "anonymous", "name": "Anonym stofmisbrugsbehandling (SEL § 101a)", "contacts_per_month_min": None, "contacts_per_month_max": None, "sessions": 8, "duration_months_min": None, "duration_months_max": None,
                 "description": "Gruppeforløb på 8 sessioner og en afsluttende samtale i Aalborg, med ny gruppe hvert kvartal efter indledende samtale i Rusmiddelcentret."},
                {"kind": "residential", "name": "Døgnbehandling", "contacts_per_month_min": None, "contacts_per_month_max": None, "sessions": None, "duration_months_min": 2, "duration_months_max": 4,
                 "description": "Døgnbehandling på godkendte eksterne døgninstitutioner varer oftest mellem to og fire måneder."},
            ],
            "other_practices": [
                "Der tages altid kontakt til en borger, der afbryder behandlingen i utide, og det forsøges at fastholde borgeren i behandling, men behandlingen anses som afsluttet, indtil borgeren igen henvender sig.",
                "En borger, der optræder truende eller voldeligt, kan bortvises fra behandlingen, men muligheden benyttes med varsomhed, og borgeren gives så vidt muligt andre tilbud.",
                "Får borgeren fuldt ud medhold i sit behandlingsønske, gives mundtlig besked, og ellers får borgeren en skriftlig visitationsskrivelse eller et skriftligt afslag med klagevejledning.",
                "Udredning og behandling af unge under 18 år kræver accept fra både indehaveren af forældremyndigheden og den unge.",
                "Det frie valg omfatter kun behandlingstilbud på Tilbudsportalen, giver ikke frit valg mellem døgn- og dagbehandling og kan begrænses, fx ved psykoser, svære karakterafvigelser eller psykiatriske lidelser.",
                "Ifølge standarden gælder fristen på 14 dage kun de behandlingstilbud, som Rusmiddelcentret selv råder over.",
                "Lader borgeren sig indskrive i et privat behandlingstilbud uden forudgående visitation fra Rusmiddelcentret, afholder borgeren selv behandlingsudgiften.",
                "Døgnbehandling foregår altid på godkendte eksterne døgninstitutioner, da kommunen ikke har egne, og borgeren betaler for kost og logi efter en konkret vurdering af sin økonomi, mens Rusmiddelcentret afholder behandlingsudgiften.",
                "Rusmiddelcentret fører tilsyn med døgnopholdet og udarbejder journalnotat om tilsynet, og døgninstitutionen udarbejder skriftlige statusbeskrivelser.",
                "Gravide stofmisbrugere tilbydes tidlig rådgivning og støtte, herunder i samarbejde med Familieambulatoriet, Aalborg Sygehus.",
                "Alle borgere spørges om hjemmeboende børn under 18 år og om samvær med børn under 18 år.",
                "Kun den person, som afgørelsen vedrører, kan klage, herunder over overskridelse af behandlingsgarantien, og Rusmiddelcentret skriver mundtlige klager ned.",
                "Der følges løbende op på overholdelsen af behandlingsgarantien, blandt andet via ledelsestilsyn.",
                "Rusmiddelcentret indberetter løbende data til Stofmisbrugsdatabasen hos Danmarks Statistik.",
                "Det opsøgende arbejde sker primært via SSP- og SKP-teamet.",
                "Behandlingsplanen beskriver mål, delmål, konkrete handlinger og opfølgning.",
            ],
            "citations": {
                "title": "seed 003 lines 15-16: «Kvalitetsstandard: Social behandling for stofmisbrug efter § 101 i Lov om Social Service»",
                "laws_covered": "seed 003 lines 15-16: «Social behandling for stofmisbrug efter § 101 i Lov om Social Service»; line 71: «Anonym stofmisbrugsbehandling tilbydes jf. SEL § 101a»",
                "minimum_age": "seed 003 lines 64-65: «Alle borgere i Mariagerfjord Kommune fra 15 år og derover, kan henvende sig og søge om social behandling for stofmisbrug»",
                "guarantee_days": "seed 003 lines 254-255: «der skal iværksættes tilbud om behandling senest 14 dage efter»",
                "guarantee_start_event": "seed 003 lines 254-256: «senest 14 dage efter, at borgeren første gang har henvendt sig med et ønske om at komme i behandling»",
                "guarantee_under_18": "seed 003 lines 269-271: «Unge under 18 år er omfattet af en særlig behandlingsgaranti, hvilket betyder, at såfremt misbruget medfører alvorlige sociale og/eller adfærdsmæssige problemer, skal der iværksættes tilbud inden for 14 dage»",
                "local_guarantee_waivers": "seed 003 lines 265-267: «Fristen kan også fraviges, hvis borgeren ikke ønsker at gøre brug af behandlingsgarantien, hvis borgeren udebliver fra behandlingsaftaler, eller hvis borgeren ikke samarbejder omkring indhentning af de oplysninger»",
                "assessment_at_treatment_start": "seed 003 line 150: «Alle borgere, der henvender sig, tilbydes udredning og visitation»; lines 158-160: «Rusmiddelcentret træffer beslutning om, hvilket behandlingstilbud, der skal gives. Dette sker på baggrund af en udarbejdet visitationsjournal»; line 118: «Ved opstart i behandling, benyttes systemet VoksenMAP til supplerende udredning»",
                "plan_first_review_months": "seed 003 lines 302-303: «Der skal ske opfølgning og revidering af behandlingsplanen, senest efter 5 måneders behandling»",
                "complaint_deadline_weeks": "seed 003 lines 354-355: «Klagefristen er fire uger fra modtagelsen af afgørelsen»",
                "residential_min_months": "seed 003 line 234: «Døgnbehandlingen varer oftest mellem to og fire måneder»",
                "residential_max_months": "seed 003 line 234: «Døgnbehandlingen varer oftest mellem to og fire måneder»",
                "anonymous_service": "seed 003 lines 71-72: «Anonym stofmisbrugsbehandling tilbydes jf. SEL § 101a udelukkende som gruppeforløb»",
                "anonymous_sessions": "seed 003 lines 213-214: «et gruppeforløb bestående af 8 sessioner og en afsluttende samtale»",
                "anonymous_closing_talk": "seed 003 lines 213-214: «et gruppeforløb bestående af 8 sessioner og en afsluttende samtale»",
                "anonymous_intake_rhythm": "seed 003 line 208: «Der startes ny gruppe hvert kvartal med løbende optag»",
                "anonymous_providers": "seed 003 lines 205-206: «har indgået samarbejde med Rusmiddelafsnittet i Aalborg om anonym stofmisbrugsbehandling»",
                "outcome_targets": "seed 003 lines 379-382: «Det er vores mål at andelen af personer med et stofmisbrug, der efter afsluttet behandling • er stoffri eller • har reduceret deres stofmisbrug til sammen udgør 50% af de borgere, vi har i behandling for stofmisbrug»",
                "instruments": "seed 003 line 118: «benyttes systemet VoksenMAP til supplerende udredning»",
                "child_notification_policy": "seed 003 lines 395-397: «er forælder til et barn under 18 år, udarbejdes der altid en underretning til barnets hjemkommune»",
                "complaint_routes": "seed 003 lines 349-350: «Klager over afgørelser truffet af Rusmiddelcentret kan efter den sociale lovgivning indbringes for Ankestyrelsen»; lines 354-355: «Klagefristen er fire uger fra modtagelsen af afgørelsen»; lines 359-360: «Hvis afgørelsen fastholdes, bliver klagen – med begrundelsen for afgørelse og genvurdering - sendt videre til Ankestyrelsen»",
                "offers": "seed 003 line 32: «Åben rådgivning og vejledning»; line 33: «Rådgivning til pårørende»; line 150: «Alle borgere, der henvender sig, tilbydes udredning og visitation»; line 156: «Udredningsforløbet vil typisk bestå af 1-3 samtaler»; line 179: «Den ambulante stofbehandling ydes i form af individuelle samtaler»; line 185: «Ungeindsatsen, for de 15-30 årige»; lines 213-214: «et gruppeforløb bestående af 8 sessioner og en afsluttende samtale»; lines 233-234: «døgnbehandling foregår på godkendte eksterne døgninstitutioner. Døgnbehandlingen varer oftest mellem to og fire måneder»",
                "other_practices": "seed 003 lines 140-142: «anses behandlingen som afsluttet indtil pågældende igen henvender sig. Der tages dog altid kontakt til borgeren»; lines 142-144: «kan bortvises fra behandlingen. Denne mulighed benyttes dog med varsomhed»; lines 113-115: «Hvis borgeren får medhold i sit behandlingsønske gives mundtlig besked»; lines 186-187: «kræver accept fra såvel forældremyndighed som den unge»; lines 289-290: «grundet psykoser, svære karakterafvigelser eller psykiatriske lidelser»; line 283: «Der er således ikke frit valg mellem døgn- og dagbehandling»; line 259: «Fristen på 14 dage gælder kun i forhold til de behandlingstilbud, Rusmiddelcentret selv råder over»; lines 333-334: «uden forudgående visitering fra Rusmiddelcentret, vil borgeren selv skulle afholde behandlingsudgiften»; lines 337-339: «Behandlingsudgiften afholdes af Rusmiddelcentret»; line 237: «Under døgnopholdet fører Rusmiddelcentret tilsyn med borgerens behandlingsforløb»; lines 243-244: «Der udarbejdes journalnotat i relation til tilsynet»; lines 163-164: «Familieambulatoriet, Aalborg Sygehus»; line 387: «hjemmeboende børn eller samvær med børn under 18 år»; lines 355-356: «Hvis klagen indgives mundtligt, skal myndigheden (Rusmiddelcentret) sørge for, at den bliver skrevet ned»; lines 350-351: «overskridelse af behandlingsgarantien»; lines 256-257: «via ledelsestilsyn»; line 375: «Rusmiddelcentret indberetter løbende data til Danmarks Statistiks Stofmisbrugsdatabase»; lines 46-47: «sker primært via SSP og SKP teamet»; lines 119-120: «behandlingsplan, som beskriver mål, delmål, konkrete handlinger og opfølgning»",
            },
            "law_defaults": [
                "assessment_deadline_days",
                "follow_up_months",
            ],
        },
    },
    # ---------------------------------------------------------------- Odsherred (seed 004)
    {
        "municipality": {"name": "Odsherred Kommune", "code": "306"},
        "centres": [
            {
                "name": "Rusmiddelteamet Odsherred Kommune",
                "kind": "municipal",
                "laws": ["SEL_101", "SEL_101A", "SUL_141", "SUL_142"],
                "offer_kinds": ["advice", "outpatient", "follow_up", "other"],
                "address": "Sundhedscenteret, Sygehusvej 5, 4500 Nykøbing Sjælland",
                "citation": "seed 004 lines 25-28: «Rusmiddelteamet er beliggende i Sundhedscenteret, Sygehusvej 5, 4500 Nykøbing Sjælland, hvor den ambulante del af behandlingen foregår. Dag- og døgnbehandling foregår eksternt»; lines 665-666: «Rusmiddelteamet besidder myndighedsrollen i forhold til visitation til ambulant, dag- og døgnbehandling for stof- og alkoholmisbrug»",
            },
        ],
        "standard": {
            "title": "Kvalitetsstandard for Alkoholbehandling efter Sundhedslovens §141, og Stofmisbrugsbehandling efter Servicelovens § 101 og 101a, og Sundhedslovens § 142",
            "source_document": "seeds/004_82e4a84d06bb5d41.txt",
            "valid_from": "2025-01-01",
            "valid_to": "2026-12-31",
            "approved_on": "2024-12-17",
            "next_revision_by": "2026-12-31",
            "laws_covered": ["SEL_101", "SEL_101A", "SUL_141", "SUL_142"],
            "minimum_age": 12,
            "guarantee_days": 14,
            "guarantee_start_event": "attendance_in_person",
            "guarantee_under_18": "special_cases",
            "local_guarantee_waivers": [],
            "assessment_deadline_days": 14,
            "assessment_at_treatment_start": True,
            "plan_first_review_months": None,
            "plan_review_interval_months": None,
            "plan_review_at_period_end": True,
            "follow_up_months": [1, 3],
            "complaint_deadline_weeks": 4,
            "complaint_reassessment_weeks": 4,
            "residential_min_months": 1,
            "residential_max_months": 3,
            "residential_processing_weeks": None,
            "anonymous_service": True,
            "anonymous_sessions": None,
            "anonymous_closing_talk": True,
            "anonymous_intake_rhythm": "",
            "anonymous_providers": [],
            "outcome_targets": [
                {"measure": "abstinent", "min_percent": 35, "text": "35 % af borgerne i behandling er clean og/eller ædru efter endt behandling."},
                {"measure": "reduced", "min_percent": 35, "text": "35 % af borgerne i behandling har reduceret deres forbrug efter endt behandling."},
            ],
            "readmission_target": {
                "max_percent": 30,
                "within_months": 12,
                "text": "Andelen af borgere, som efter afsluttet behandling, vender tilbage til behandlingen indenfor 12 mdr. er maksimum 30 %.",
            },
            "instruments": [],
            "child_notification_policy": "on_concern",
            "child_talks_from_age": 12,
            "family_programme": True,
            "complaint_routes": [
                {"subject": "decision", "body": "Odsherred Kommune", "deadline": "", "then": "Ankestyrelsen"},
                {"subject": "medical", "body": "Styrelsen for Patientsikkerhed", "deadline": "", "then": ""},
                {"subject": "staff", "body": "lederen af Rusmiddelteamet", "deadline": "", "then": "Centerchefen for Center for Social- og arbejdsmarked"},
                {"subject": "case_handling", "body": "Borgerrådgiveren", "deadline": "", "then": ""},
            ],
            "offers": [
                {"kind": "advice", "name": "Informationssamtale", "contacts_per_month_min": None, "contacts_per_month_max": None, "sessions": None, "duration_months_min": None, "duration_months_max": None,
                 "description": "Kender borgeren ikke tilbuddet i forvejen, tilbydes i første omgang en informationssamtale om behandlingsmulighederne."},
                {"kind": "advice", "name": "Rådgivningsforløb", "contacts_per_month_min": None, "contacts_per_month_max": None, "sessions": None, "duration_months_min": None, "duration_months_max": None,
                 "description": "Rådgivningsforløb på 1-5 samtaler, som kan være anonyme, for borgere i tvivl om behov eller motivation og for pårørende."},
                {"kind": "advice", "name": "Rådgivning til pårørende og/eller pårørendegruppe", "contacts_per_month_min": None, "contacts_per_month_max": None, "sessions": None, "duration_months_min": None, "duration_months_max": None,
                 "description": "Pårørende og andet nært netværk kan henvende sig direkte med ønske om rådgivende/støttende forløb."},
                {"kind": "outpatient", "name": "Lav intensiv behandling", "contacts_per_month_min": 1, "contacts_per_month_max": 2, "sessions": None, "duration_months_min": 6, "duration_months_max": 6,
                 "description": "Tilbud om samtaler 1-2 gange om måneden i forløb på ½ år."},
                {"kind": "outpatient", "name": "Mellem intensiv behandling", "contacts_per_month_min": 2, "contacts_per_month_max": None, "sessions": 8, "duration_months_min": 4, "duration_months_max": 4,
                 "description": "Samtaler minimum 2 gange om måneden i forløb af 8 gange, svarende til 4 måneders behandling."},
                {"kind": "outpatient", "name": "Intensiv behandling", "contacts_per_month_min": 4, "contacts_per_month_max": None, "sessions": 12, "duration_months_min": 3, "duration_months_max": 3,
                 "description": "Samtaler minimum én gang om ugen af 12 gange, svarende til 3 måneders behandling, evt. efter MOVE-metoden med gavekort."},
                {"kind": "day", "name": "Dagbehandling", "contacts_per_month_min": 9, "contacts_per_month_max": None, "sessions": None, "duration_months_min": 3, "duration_months_max": 5,
                 "description": "Ydelser mere end 8 gange om måneden; behandlingen varer 3-5 måneder og foregår eksternt."},
                {"kind": "residential", "name": "Døgnbehandling", "contacts_per_month_min": None, "contacts_per_month_max": None, "sessions": None, "duration_months_min": 1, "duration_months_max": 3,
                 "description": "Højintensiv behandling i døgnregi med henblik på ned/udtrapning, ophør eller stabilisering, som varer 1-3 måneder og foregår eksternt."},
                {"kind": "anonymous", "name": "Anonym gruppebehandling (SEL § 101a)", "contacts_per_month_min": None, "contacts_per_month_max": None, "sessions": None, "duration_months_min": None, "duration_months_max": None,
                 "description": "Stofmisbrugere uden andre sociale problemer end rusmidler kan visiteres til anonym gruppebehandling og bevare anonymiteten i hele forløbet."},
                {"kind": "follow_up", "name": "Efterbehandling / tilbagefaldsforebyggelse", "contacts_per_month_min": None, "contacts_per_month_max": None, "sessions": None, "duration_months_min": None, "duration_months_max": None,
                 "description": "Efterbehandling og tilbagefaldsforebyggelse som del af den ambulante behandling."},
                {"kind": "other", "name": "Lægesamtaler og medicinsk behandling", "contacts_per_month_min": None, "contacts_per_month_max": None, "sessions": None, "duration_months_min": None, "duration_months_max": None,
                 "description": "Lægesamtaler, sundhedssamtaler, afrusning, medicinsk behandling og medicinudlevering, screening for hepatitis og HIV samt vaccination for hepatitis a + b."},
                {"kind": "other", "name": "Understøttende behandling", "contacts_per_month_min": None, "contacts_per_month_max": None, "sessions": None, "duration_months_min": None, "duration_months_max": None,
                 "description": "Understøttende behandling i form af NADA (øreakupunktur), mindfulness, urinkontrol og morgenmadscafé samt tilknytning til værestedet Vendepunktet."},
                {"kind": "other", "name": "Støttende samtaler til børn", "contacts_per_month_min": None, "contacts_per_month_max": None, "sessions": None, "duration_months_min": None, "duration_months_max": None,
                 "description": "Børn ned til 12 år af forældre i rusmiddelbrug tilbydes støttende samtaler, som udgangspunkt sammen med den ikke-rusbrugende forælder."},
            ],
            "other_practices": [
                "Ved visitation til dag- eller døgnbehandling betaler Rusmiddelteamet transporten til og fra behandlingsstedet.",
                "Behandlingsgarantien regnes fra det tidspunkt, hvor borgeren personligt møder op i teamet med et udtrykt ønske om behandling, hvilket stiller strengere krav til borgeren end loven.",
                "Ethvert tilbud om behandling gives som en skriftlig afgørelse, der kan klages over.",
                "Der visiteres altid til den mindst indgribende indsats, som samtidig vurderes at være effektiv, og ved dag- og døgnbehandling træffer det interne visitationsudvalg afgørelse på baggrund af en indstilling, der er udarbejdet sammen med borgeren.",
                "Ved ekstern dag- og døgnbehandling deltager behandleren fra Rusmiddelteamet i forsamtale, midtvejsstatusmøde og slutstatusmøde, og behandlingsstedet skal levere skriftlig midtvejs- og slutstatus.",
                "Rusmiddelteamet benytter kun eksterne tilbud, der er godkendt af Socialtilsynet og står opført på Tilbudsportalen, og ved frit valg vurderer teamet det valgte sted og vejleder borgeren.",
                "Borgere i alkoholbehandling kan frit vælge et andet ambulant behandlingstilbud uden forudgående visitation og kan bevare anonymiteten gennem hele forløbet, medmindre der er sideløbende behov for medicinsk behandling.",
                "Der videregives ikke oplysninger uden borgerens samtykke og vidende, undtagen når underretningspligten gælder.",
                "Borgeren kan ved fuldmagt lade sig repræsentere af en anden person, en forening eller en advokat.",
                "Samlever og eventuelle børn tilbydes proaktivt at være en del af behandlingen, og på netværksmøder udarbejdes en koordinerende plan.",
                "Borgeren kan skifte til en anden behandler, hvis samarbejdet ikke fungerer optimalt.",
                "Hvert tidsbegrænset ambulant forløb evalueres sammen med borgeren, inden der tages stilling til et eventuelt nyt forløb, og borgeren kan være tilknyttet, så længe vedkommende ønsker at arbejde aktivt med sit rusmiddelforbrug.",
                "Gravide med et rusmiddelbrug kan henvises til familieambulatoriet i Slagelse, som Rusmiddelteamet har et tæt samarbejde med.",
                "Underretninger sendes til Center for Børn, Unge og Familier.",
                "Der indberettes til SMDB for stofmisbrug og NAB for alkoholmisbrug.",
                "Ved døgnbehandling for stofmisbrug er der kun egenbetaling for kost og logi, hvis det er økonomisk muligt for borgeren.",
            ],
            "citations": {
                "title": "seed 004 lines 6-12: «Kvalitetsstandard for Alkoholbehandling efter Sundhedslovens §141, og Stofmisbrugsbehandling efter Servicelovens § 101 og 101a, og Sundhedslovens § 142»",
                "valid_from": "seed 004 line 15: «Gældende fra januar 2025 til december 2026»",
                "valid_to": "seed 004 line 15: «Gældende fra januar 2025 til december 2026»",
                "approved_on": "seed 004 line 871: «Godkendt i Byrådet 17.12.2024»",
                "next_revision_by": "seed 004 line 873: «Revideres næste gang senest december 2026»",
                "laws_covered": "seed 004 lines 6-12: «Alkoholbehandling efter Sundhedslovens §141, og Stofmisbrugsbehandling efter Servicelovens § 101 og 101a, og Sundhedslovens § 142»",
                "minimum_age": "seed 004 lines 389-390: «Målgruppen er borgere fra 12 år og opefter, der har et alkohol- og/eller stofproblem»",
                "guarantee_days": "seed 004 lines 449-450: «Både for alkohol- og stofmisbrugsbehandling er der behandlingsgaranti på 14 dage»",
                "guarantee_start_event": "seed 004 lines 451-452: «De 14 dage regnes fra det tidspunkt, hvor borgeren personligt møder op i teamet med et udtrykt ønske om behandling»; lines 667-668: «Behandlingen skal tilbydes indenfor 14 dage efter at borgeren har henvendt sig ved fremmøde og med ønske om behandling»",
                "guarantee_under_18": "(law text reprinted in seed) seed 004 lines 143-144: «Social- og indenrigsministeren fastsætter regler om behandling efter stk. 1 og 4 af børn og unge under 18 år med et stofmisbrug i særlige tilfælde»",
                "local_guarantee_waivers": "seed 004 lines 454-455: «Fristen på 14 dage kan dog fraviges, hvis borgeren - efter frit valgs ordningen - vælger et andet behandlingstilbud end det, der er visiteret til»",
                "assessment_at_treatment_start": "seed 004 lines 422-423: «Første skridt i behandlingen er indskrivningssamtalen, hvor der laves en udredning af borgerens samlede situation»",
                "plan_review_at_period_end": "seed 004 lines 543-544: «Behandlingsplanen er tidsbegrænset og evalueres efter den aftalte periode sammen med borgeren»",
                "follow_up_months": "seed 004 lines 823-826: «Der foretages, efter 1 md og efter 3 mdr., opfølgning på borgere, der har været i stofmisbrugsbehandling»",
                "complaint_reassessment_weeks": "seed 004 lines 687-688: «Klage skal sendes til kommunen, som har 4 uger til at genvurdere»",
                "residential_min_months": "seed 004 lines 522-523: «Døgnbehandling: Højintensiv behandling i døgnregi med henblik på ned/udtrapning, ophør eller stabilisering. Behandlingen varer 1 – 3 mdr.»",
                "residential_max_months": "seed 004 lines 522-523: «Døgnbehandling: Højintensiv behandling i døgnregi med henblik på ned/udtrapning, ophør eller stabilisering. Behandlingen varer 1 – 3 mdr.»",
                "anonymous_service": "seed 004 lines 583-585: «mulighed for at blive visiteret til tilbud om anonym gruppebehandling jvf. SEL § 101a»",
                "anonymous_closing_talk": "(law text reprinted in seed) seed 004 lines 172-174: «indeholde gruppebehandling og mulighed for en individuel, afsluttende samtale»",
                "outcome_targets": "seed 004 line 833: «35 % af borgerne i behandling er clean og/eller ædru efter endt behandling»; lines 835-836: «35 % af borgerne i behandling har reduceret deres forbrug efter endt behandling»",
                "readmission_target": "seed 004 lines 838-839: «Andelen af borgere, som efter afsluttet behandling, vender tilbage til behandlingen indenfor 12 mdr. er maksimum 30 %»",
                "child_notification_policy": "seed 004 lines 638-640: «skærpet underretningspligt, hvis det vurderes, at der er grund til bekymring, eller behov for støtte, til et barn eller en ung»",
                "child_talks_from_age": "seed 004 line 633: «Børn ned til 12 år, af forældre i rusmiddelbrug, tilbydes støttende samtaler»",
                "family_programme": "seed 004 line 480: «Par- og familiesamtaler i et rusmæssigt perspektiv»; lines 405-407: «Hvor borgeren har en samlever, og eventuelt børn, vil disse pro-aktivt blive tilbudt at være en del af behandlingen»",
                "complaint_routes": "seed 004 lines 687-690: «Klage skal sendes til kommunen»; lines 689-690: «sender kommunen klagen videre til Ankestyrelsen sammen med dokumenterne i sagen»; lines 697-700: «Klager over den sundhedsfaglige del af behandlingen, der gives efter Sundhedslovens § 141 og § 142, skal sendes til: Styrelsen for Patientsikkerhed»; lines 709-711: «Klager over personalet skal sendes til lederen af Rusmiddelteamet»; lines 710-711: «kan borgeren gå videre med klagen til Centerchefen for Center for Social- og arbejdsmarked»; lines 714-717: «Borgerrådgiveren kan vejlede dig, hvis du: • Vil klage over sagsbehandlingen i kommunen»",
                "offers": "seed 004 lines 409-410: «tilbydes i første omgang en informationssamtale»; line 415: «rådgivningsforløb på 1-5 samtaler»; lines 572-573: «Der er både for borgere og pårørende mulighed for 1-5 anonyme rådgivende samtaler»; line 483: «Rådgivning til pårørende og/eller pårørendegruppe»; lines 506-507: «Lav intensiv behandling: Tilbud om samtaler 1-2 gange om måneden i forløb på ½ år»; lines 508-510: «Mellem intensiv behandling: Samtaler minimum 2 gange om måneden i forløb af 8 gange, svarende til 4 måneders behandling»; lines 511-513: «Intensiv behandling: Samtaler minimum én gang om ugen af 12 gange, svarende til 3 måneders behandling»; lines 515-518: «MOVE-metoden»; lines 520-521: «Dagbehandling: Ydelser mere end 8 gange om måneden i ambulant regi. Behandlingen varer 3 – 5 mdr.»; lines 522-523: «Behandlingen varer 1 – 3 mdr.»; lines 583-585: «anonym gruppebehandling jvf. SEL § 101a»; line 488: «Efterbehandling / tilbagefaldsforebyggelse»; lines 472-478: «Lægesamtaler»; line 477: «Screening for hepatitis og HIV»; lines 484-486: «Understøttende behandling i form af NADA (øreakupunktur), mindfulness, urinkontrol, og morgenmadscafé»; line 489: «Tilknytning til værestedet Vendepunktet»; line 633: «Børn ned til 12 år, af forældre i rusmiddelbrug, tilbydes støttende samtaler»",
                "other_practices": "seed 004 lines 657-658: «Ved visitation til dag- eller døgnbehandling er transporten til og fra behandlingsstedet betalt af Rusmiddelteamet»; lines 451-452: «hvor borgeren personligt møder op i teamet»; line 445: «Tilbuddet om behandling er en myndighedsafgørelse, og gives som en skriftlig afgørelse»; lines 441-443: «en indstilling til det interne visitationsudvalg»; lines 436-437: «visiteres altid til den mindst indgribende indsats»; lines 749-751: «deltager behandleren fra Rusmiddelteamet, sammen med den visiterede borger, i for-samtale, midtvejsstatusmøde, og slut-statusmøde»; lines 755-756: «Der stilles desuden krav om skriftlig midtvejs- og slutstatus på forløbet fra behandlingsstedet»; line 740: «Rusmiddelteamet benytter kun tilbud, der er godkendt af Socialtilsynet»; lines 604-606: «frit af vælge et andet ambulant behandlingstilbud uden forudgående visitation»; lines 575-578: «Er der sideløbende behov for medicinsk behandling kan anonymiteten dog ikke opretholdes»; lines 587-588: «der videregives ikke oplysninger om borgerne uden borgernes samtykke og vidende»; lines 673-674: «ved fuldmagt lade sig repræsentere af en anden person, en forening eller af en advokat»; lines 405-407: «pro-aktivt blive tilbudt at være en del af behandlingen»; lines 557-558: «udarbejdes en koordinerende plan»; lines 565-566: «er der mulighed for at skifte til en anden behandler»; lines 501-504: «Man kan være tilknyttet rusmiddelteamet så længe man ønsker»; lines 644-645: «familieambulatoriet i Slagelse»; lines 641-642: «underretning til Center for Børn, Unge og Familier»; lines 815-816: «stofmisbrug (SMDB) og alkoholmisbrug (NAB)»; lines 654-655: «egenbetaling for kost og logi ved døgnbehandling for stofmisbrug, hvis dette er økonomisk muligt for borgeren»",
            },
            "law_defaults": [
                "guarantee_under_18",
                "assessment_deadline_days",
                "complaint_deadline_weeks",
                "anonymous_closing_talk",
            ],
        },
    },
]
