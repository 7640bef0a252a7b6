import Foundation

/// LibreOffice run headless by the tests that check our .docx and .xlsx open in a real office suite. The tests run
/// only where it is installed (the README's test command installs Writer and Calc).
public enum LibreOffice {
    private static let executables = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/lib/libreoffice/program/soffice",
                                      "/Applications/LibreOffice.app/Contents/MacOS/soffice"]

    /// `soffice`, if any part of LibreOffice is installed (Writer is enough for documents).
    public static let soffice: String? = executables.first { FileManager.default.isExecutableFile(atPath: $0) }

    /// `soffice`, only where Calc is installed too: a machine with only Writer has `soffice` but cannot load a sheet.
    public static let calc: String? = {
        let library = ["/usr/lib/libreoffice/program/libsclo.so", "/opt/libreoffice/program/libsclo.so",
                       "/Applications/LibreOffice.app/Contents/Frameworks/libsclo.dylib"]
        return library.contains { FileManager.default.fileExists(atPath: $0) } ? soffice : nil
    }()

    /// Converts `file` with `--convert-to filter` into `outdir`; returns soffice's exit status. A private profile under
    /// `profileFolder`, so a LibreOffice already running for the user does not swallow the job.
    public static func convert(_ file: URL, to filter: String, outdir: URL, profileFolder: URL) async throws -> Int32 {
        try await convert([file], to: filter, outdir: outdir, profileFolder: profileFolder)
    }

    /// Converts every one of `files` in one run of soffice (its start-up is most of the time a conversion takes), waiting
    /// for it off the cooperative pool (`offThePool`).
    public static func convert(_ files: [URL], to filter: String, outdir: URL, profileFolder: URL) async throws -> Int32 {
        try await offThePool { try runSoffice(files, to: filter, outdir: outdir, profileFolder: profileFolder) }
    }

    private static func runSoffice(_ files: [URL], to filter: String, outdir: URL, profileFolder: URL) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: soffice ?? "soffice")
        process.arguments = ["-env:UserInstallation=" + profileFolder.appendingPathComponent("profile").absoluteString,
                             "--headless", "--convert-to", filter, "--outdir", outdir.path] + files.map(\.path)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
