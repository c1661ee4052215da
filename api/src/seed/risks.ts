/**
 * The program's initial risks, worded as the seeds word them: the nine of the program plan (PP 10, category
 * `program`) and those of the directive (PD 6 "Övergripande risker", category `directive`). Neither document gives
 * values, so every risk is seeded unassessed. The local demo adds a few assessments that say they are examples
 * (`example: true`), so the heat map is not empty; production never gets them.
 */
import { DEMO_USERS, type RiskCategory } from "../contracts/index.js";
import { swedishDate } from "../domain/clock.js";
import { addMonths, DEFAULT_RISK_SETTINGS } from "../domain/risks.js";
import type { Logger } from "../services/log.js";
import { AlreadyExistsError } from "../store/errors.js";
import type { MetaRepository } from "../store/meta.js";
import type { RisksRepository, StoredRisk } from "../store/risks.js";
import { mapLimit } from "../store/table.js";
import { SEED_ACTOR as RISK_SEED_ACTOR } from "./portfolio.js";


interface SeedRisk {
  id: string;
  category: RiskCategory;
  title: string;
  description: string;
  source: string;
}

const PP10 = "Programplanen, avsnitt 10 Risker (initialt identifierad risk).";
const PD6 = "Programdirektivet, avsnitt 6 Övergripande risker.";
const PD6_OWN = "Programdirektivet, avsnitt 6: identifierad risk för uppdragets eget genomförande.";

const pp10 = (n: number, title: string): SeedRisk => ({ id: `pp10-${n}`, category: "program", title, description: PP10, source: "programplanen (PP 10)" });
const pd6 = (n: number, title: string, text: string, own = false): SeedRisk => ({
  id: `direktiv-${n}`,
  category: "directive",
  title,
  description: `${text}\n\n${own ? PD6_OWN : PD6}`,
  source: "programdirektivet (PD 6)",
});

export const SEED_RISKS: readonly SeedRisk[] = [
  pp10(1, "Bristfälligt ägarskap, delaktighet och support av programstyrgruppen"),
  pp10(2, "Programstyrgruppen följer inte beslutad programplan, överenskomna principer, kännetecken för samverkan och kriterier för inkludering av utvecklingsprojekt"),
  pp10(3, "Nedprioritering av utvecklingsresurser"),
  pp10(4, "Bristfällig delaktighet, motivation och vilja till förändring i verksamhet"),
  pp10(5, "Avsaknad av en gemensam kultur för att med mod och öppenhet utveckla och utmana strukturer och system"),
  pp10(6, "Otydlig ansvarsfördelning mellan program och verksamhet"),
  pp10(7, "Bristfällig kommunikation kring programmets erbjudande, aktiviteter och kontaktvägar"),
  pp10(8, "Bristfällig förmåga hos programledning att leda, vara iterativ och följa upp programmets aktiviteter mot förändring och nyttor"),
  pp10(9, "Kvalitetsbrister i kompetensstödet till verksamhet"),
  pd6(
    1,
    "För små synsättsförändringar innebär att ingen förändring sker i praktiken",
    "Det här är en förändring av andra ordningen. Det handlar i första hand om att göra en synvända – att se, förstå, organisera och leda verksamheten på nya/utvecklade sätt – allt med utgångspunkt i patientens perspektiv. För små synsättsförändringar innebär att ingen förändring sker i praktiken.",
  ),
  pd6(
    2,
    "Kulturen är svår och tidskrävande att förändra",
    "Kulturen är svår och tidskrävande att förändra. Om mål och mening med utvecklingen inte uttrycks så att det väcker organisationens vilja att vara med och delta kan det avsevärt försvåra omställningsarbetet.",
  ),
  pd6(3, "Gammal styrlogik blir kvar och begränsar förutsättningarna för verklig omställning", "Gammal styrlogik blir kvar och begränsar förutsättningarna för verklig omställning."),
  pd6(
    4,
    "Kommunikation/dialog brister eller får inte tillräckligt stort utrymme/tillräckligt med tid",
    "Kommunikation/dialog brister eller får inte tillräckligt stort utrymme/tillräckligt med tid för att förändringsarbetet ska ta och hålla fart.",
  ),
  pd6(
    5,
    "Organisationerna har betydande ekonomiska problem",
    "Organisationerna har betydande ekonomiska problem. Risken att den verkliga, långsiktigt viktiga förändringen prioriteras ned till förmån för kortsiktiga strikt ekonomiska prioriteringar.",
  ),
  pd6(
    6,
    "För många stora projekt/frågor pågår samtidigt i organisationen",
    "För många stora projekt/frågor pågår samtidigt i organisationen. Svårt att ge och hålla det fokus som krävs för en förändring av den här omfattningen. Ledningskapaciteten räcker inte till för att hålla ihop frågorna parallellt med andra stora frågor och en ansträngd situation i vardagsdriften.",
  ),
  pd6(
    7,
    "Kompetensförsörjning",
    "Kompetensförsörjning: Det är mycket svårt att få tag på viktiga nyckelkompetenser i den nuvarande organisationsstrukturen. De nya/andra kompetenser som behövs framåt ska rekryteras i tuff konkurrens med andra arbetsgivare. Regionens och kommunernas arbetsgivarmärke kanske inte räcker till för att hävda sig i konkurrensen med andra arbetsgivare. Det påverkar i så fall genomförandeförmågan negativt.",
  ),
  pd6(8, "Uthållighet och fokus över tid brister", "Uthållighet och fokus över tid brister."),
  pd6(9, "Kotter:s 8 framgångsfaktorer för förändringsledning är inte säkrade", "Kotter: s 8 framgångsfaktorer för förändringsledning är inte säkrade."),
  pd6(10, "Resurssättning sker inte tillräckligt snabbt", "Resurssättning sker inte tillräckligt snabbt.", true),
  pd6(
    11,
    "Programmets uppdrag får inte tillträde till de mötesplatser/beslutsarenor som krävs",
    "Programmets uppdrag får inte tillträde till de mötesplatser/beslutsarenor som krävs för att kunna utföra sitt uppdrag.",
    true,
  ),
  pd6(
    12,
    "Möjlighet till samverkan med många olika intressenter kan ge tidsmässiga utmaningar",
    "Möjlighet till samverkan med många olika intressenter kan ge tidsmässiga utmaningar.",
    true,
  ),
  pd6(
    13,
    "Den pågående pandemin kräver organisationernas samlade fokus",
    "Den pågående pandemin kräver organisationernas samlade fokus. Frågor om nära vård inom ramen för programmets genomförande får, av naturliga skäl, vänta på sin tur.",
    true,
  ),
];

/**
 * Local demo only: example assessments (not the program's; the seeds give no values), spread over the 4×4 map so
 * every level shows. Their reviews are due on the seed day, so the review reminder can be seen at once.
 */
export const EXAMPLE_ASSESSMENTS: Readonly<Record<string, { probability: number; consequence: number }>> = {
  "pp10-3": { probability: 3, consequence: 4 },
  "direktiv-10": { probability: 3, consequence: 3 },
  "pp10-7": { probability: 2, consequence: 3 },
  "pp10-6": { probability: 2, consequence: 2 },
  "direktiv-13": { probability: 1, consequence: 3 },
};

const MARKER = "seed-risks";

/** Seeds the risks once per store (own marker, so stores seeded before the risk list existed get them too). */
export async function seedRisksIfNeeded(
  deps: { risks: RisksRepository; meta: MetaRepository; log: Logger },
  options: { local: boolean; at: string },
): Promise<"seeded" | "skipped"> {
  if (await deps.meta.get(MARKER)) return "skipped";
  const today = swedishDate(new Date(options.at));
  await mapLimit(SEED_RISKS, 4, async (seed) => {
    const example = options.local ? EXAMPLE_ASSESSMENTS[seed.id] : undefined;
    const risk: StoredRisk = {
      id: seed.id,
      title: seed.title,
      description: example ? `${seed.description}\n\nExempelbedömning i demodata – inte programmets egen värdering.` : seed.description,
      category: seed.category,
      projectId: null,
      probability: example?.probability ?? null,
      consequence: example?.consequence ?? null,
      assessedOnScale: example ? DEFAULT_RISK_SETTINGS.scale : null,
      handling: null,
      actions: "",
      owner: options.local ? DEMO_USERS.programledare : null,
      status: "open",
      nextReviewDate: example ? today : addMonths(today, DEFAULT_RISK_SETTINGS.reviewIntervalMonths),
      lastReviewedAt: null,
      example: example !== undefined,
      escalation: null,
      createdAt: options.at,
      createdBy: RISK_SEED_ACTOR,
      updatedAt: options.at,
      version: 0,
    };
    const summary = example
      ? `Inläst som startdata från ${seed.source}. Exempelbedömning: sannolikhet ${example.probability} × konsekvens ${example.consequence}.`
      : `Inläst som startdata från ${seed.source} (ej bedömd).`;
    await deps.risks.createIfAbsent(risk, { at: options.at, by: RISK_SEED_ACTOR, action: "seeded", summary, changes: [] });
  });
  try {
    await deps.meta.put(MARKER, { seededAt: options.at, count: SEED_RISKS.length });
  } catch (error) {
    if (!(error instanceof AlreadyExistsError)) throw error;
  }
  deps.log.info(`Risklistan inläst (${SEED_RISKS.length} risker${options.local ? ", med exempelbedömningar" : ""}).`);
  return "seeded";
}
