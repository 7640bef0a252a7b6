@testable import FazhiCore

/// The figures of the Hedong 2024 report (REPORT.md). Where the report writes a rounded or bare figure, the fixture
/// holds a value the platform could count that the report would write the same way: 105 events (100余场次),
/// 4,731,234 yuan (473万余元), 574/574 cases on time and 31/31 hearings with the head present (100%).
/// The two figures the report does not give (correction rate, opinion letters) are absent.
let hedong2024Figures: [String: MetricFigure] = [
    "decision.legality_reviews": .count(3),
    "advisers.members": .count(17),
    "advisers.participations": .count(718),
    "public_lawyers.units": .count(38),
    "public_lawyers.people": .count(81),
    "normative_docs.legality_reviews": .count(14),
    "normative_docs.filings": .count(1),
    "normative_docs.post_evaluations": .count(3),
    "normative_docs.cleanups": .count(3),
    "enforcement.empowerment_recall_categories": .count(18),
    "enforcement.empowerment_recall_items": .count(47),
    "enforcement.trainings": .count(61),
    "enforcement.supervisions": .count(74),
    "enforcement.entrepreneur_supervisor_participations": .count(28),
    "reconsideration.received": .count(673),
    "reconsideration.concluded": .count(574),
    "reconsideration.mediated": .count(89),
    "reconsideration.on_time_rate": .rate(numerator: 574, denominator: 574),
    "litigation.head_appearance_rate": .rate(numerator: 31, denominator: 31),
    "publicity.events": .count(105),
    "publicity.exam_units": .count(72),
    "publicity.exam_people": .count(4319),
    "liaisons.people": .count(899),
    "liaisons.activities": .count(2432),
    "legal_services.talent_pool_lawyers": .count(117),
    "legal_services.law_firms": .count(78),
    "legal_services.lawyers": .count(895),
    "legal_aid.outreach_events": .count(28),
    "legal_aid.accepted": .count(358),
    "legal_aid.recovered_yuan": .money(4_731_234),
    "notary.matters": .count(9806),
    "mediation.screenings": .count(24888),
    "mediation.resolved": .count(2748),
    "mediation.labor_arbitration_mediated": .count(177),
    "mediation.committees_founded": .count(3),
]

let hedongBureau = "河东区司法局"
