import Fluent
import Vapor

/// The shared case machinery's tables. The lines that use it are modules of their own (`app.modules`).
enum CasesModule: Module {
    static var migrations: [any Migration] {
        [CreateCaseTables(), CreateInstruments(), CreateAttachments(), MaskNamesInCaseTitles(), IndexCaseQueues(), IndexCaseCounts(),
         CreateInstrumentDrafts(), CreateInstrumentServices(), AddPartyLegalRepresentatives(), IndexCasesByBureau(),
         IndexCaseStates()]
    }

    static var settings: [SettingDeclaration] {
        [SettingDeclaration(key: "caseNumber.<line>", meaning: "该条线的案号格式，如 X〔{year}〕{seq}号（未设置时用条线自带的格式）", rule: .numberPattern),
         SettingDeclaration(key: "instruments.organ.<line>", meaning: "该条线文书的落款机关名称（未设置时以本局名称和条线的机关生成）", rule: .text(60))]
    }

    static var jobs: [ScheduledJob] { [CaseClock.job] }

    static func staffRoutes(_ routes: RoutesBuilder) {
        InstrumentController.staffRoutes(routes)
        Attachments.staffRoutes(routes)
    }
}
