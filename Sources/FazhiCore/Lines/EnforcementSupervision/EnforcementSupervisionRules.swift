/// 行政执法监督: the rule-of-law office's supervision of the district's enforcement agencies — the year's "double plan"
/// (培训计划、监督计划), the trainings and inspections held against it, and the street empowered matters evaluated
/// for recall.
public enum EnforcementSupervisionRules {}
