/// The minimum password policy for staff accounts.
public enum PasswordPolicy {
    public static let minimumLength = 10

    /// Returns the Chinese reason a password is refused, or nil when it is acceptable.
    public static func violation(password: String, username: String) -> String? {
        if password.count < minimumLength {
            return "密码至少需要\(minimumLength)个字符"
        }
        let classes = [
            password.contains(where: \.isLetter),
            password.contains(where: \.isNumber),
            password.contains(where: { !$0.isLetter && !$0.isNumber }),
        ].filter { $0 }.count
        if classes < 2 {
            return "密码须包含字母、数字、符号中的至少两类"
        }
        if password.lowercased().contains(username.lowercased()) {
            return "密码不得包含用户名"
        }
        return nil
    }
}
