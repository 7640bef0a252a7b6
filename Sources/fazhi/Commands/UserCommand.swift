import ArgumentParser
import FazhiCore
import FazhiServer
import Foundation

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage staff accounts.", subcommands: [Create.self, ResetPassword.self, ResetSecondFactor.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a user with a first role.")
        @OptionGroup var options: EnvironmentOptions
        @Option(help: "Login name (3–32 lowercase letters, digits, ._-).") var username: String
        @Option(help: "Display name, e.g. 张三.") var name: String
        @Option(help: "Code of the user's org, e.g. 120102.") var org: String
        @Option(help: "Role: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).") var role: String
        @Option(help: "Work line for the role: \(FazhiApp.lineCodes.joined(separator: ", ")).") var line: String?
        @Option(help: "Password; when omitted it is read from standard input (one line).") var password: String?

        func run() async throws {
            let secret = try password ?? readPassword()
            do {
                try await FazhiApp.with(options.configuration()) { app in
                    try await FazhiApp.createUser(app, username: username, displayName: name, password: secret,
                                                  orgCode: org, role: role, line: line)
                }
                print("已创建用户 \(username)")
            } catch let errors as ValidationErrors {
                for error in errors.errors { FileHandle.standardError.write(Data("错误：\(error.field)：\(error.message)\n".utf8)) }
                throw ExitCode(2)
            }
        }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reset-password", abstract: "Set a new password and end the user's sessions.")
        @OptionGroup var options: EnvironmentOptions
        @Argument(help: "Login name.") var username: String
        @Option(help: "New password; when omitted it is read from standard input (one line).") var password: String?

        func run() async throws {
            let secret = try password ?? readPassword()
            do {
                try await FazhiApp.with(options.configuration()) { app in
                    try await FazhiApp.resetPassword(app, username: username, password: secret)
                }
                print("已重置 \(username) 的密码")
            } catch let error as FieldError {
                FileHandle.standardError.write(Data("错误：\(error.field)：\(error.message)\n".utf8))
                throw ExitCode(2)
            }
        }
    }
}

extension UserCommand {
    struct ResetSecondFactor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-2fa",
            abstract: "Remove the user's second factor (authenticator app) and end their sessions; admins enrol again at the next sign-in.")
        @OptionGroup var options: EnvironmentOptions
        @Argument(help: "Login name.") var username: String

        func run() async throws {
            do {
                try await FazhiApp.with(options.configuration()) { app in
                    try await FazhiApp.resetSecondFactor(app, username: username)
                }
                print("已清除 \(username) 的二次验证，其登录会话已全部失效")
            } catch let error as FieldError {
                FileHandle.standardError.write(Data("错误：\(error.field)：\(error.message)\n".utf8))
                throw ExitCode(2)
            }
        }
    }
}

/// Reads one line of standard input as the password, so it stays out of the shell history.
func readPassword() throws -> String {
    guard let line = readLine(strippingNewline: true), !line.isEmpty else {
        throw ValidationError("no password: pass --password or write it on standard input")
    }
    return line
}

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "The audit log.", subcommands: [Verify.self, Anchor.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify", abstract: "Check the audit log's hash chain: exit 0 when intact, 1 naming the first broken row.")
        @OptionGroup var options: EnvironmentOptions
        @Option(help: "SEQ:HASH printed earlier by `fazhi audit anchor`: fail unless the chain still reaches that row with that hash.")
        var anchor: String?

        func run() async throws {
            let result: (checked: Int, brokenSeq: Int?, reason: String?)
            do {
                result = try await FazhiApp.with(options.configuration()) { try await FazhiApp.verifyAudit($0, anchor: anchor) }
            } catch let error as FieldError {
                FileHandle.standardError.write(Data("错误：\(error.field)：\(error.message)\n".utf8))
                throw ExitCode(2)
            }
            if let seq = result.brokenSeq {
                FileHandle.standardError.write(Data("审计日志哈希链损坏：第 \(seq) 行（seq=\(seq)）：\(result.reason ?? "")\n".utf8))
                throw ExitCode(1)
            }
            print("审计日志哈希链完整：共 \(result.checked) 行")
        }
    }

    struct Anchor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "anchor",
            abstract: "Print the audit chain's head as SEQ:HASH (also written to the log); keep it outside the database.")
        @OptionGroup var options: EnvironmentOptions

        func run() async throws {
            print(try await FazhiApp.with(options.configuration()) { try await FazhiApp.auditAnchor($0) })
        }
    }
}
