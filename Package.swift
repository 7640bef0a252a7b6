// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Fazhi",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "fazhi", targets: ["fazhi"]),
        .library(name: "FazhiCore", targets: ["FazhiCore"]),
        .library(name: "FazhiOffice", targets: ["FazhiOffice"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
    ],
    targets: [
        // Pure domain: Foundation only, no Vapor, no database.
        .target(
            name: "FazhiCore",
            resources: [.copy("Calendar/Data")]
        ),
        // Office formats: OOXML packages, .xlsx read and write, CSV (UTF-8, GB18030, UTF-16), .docx laid out per
        // GB/T 9704. Foundation and ZIPFoundation, and FazhiCore for `CivilDate`'s day numbers (Foundation only):
        // no Vapor, no database.
        .target(
            name: "FazhiOffice",
            dependencies: [
                "FazhiCore",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // The Vapor application.
        .target(
            name: "FazhiServer",
            dependencies: [
                "FazhiCore",
                "FazhiOffice",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [.copy("Public")],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        // The command-line entry for operators.
        .executableTarget(
            name: "fazhi",
            dependencies: [
                "FazhiCore",
                "FazhiServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        // What the tests share that no product needs: running LibreOffice headless, reading a PDF's layout with poppler.
        .target(
            name: "FazhiTestSupport",
            path: "Tests/FazhiTestSupport"
        ),
        .testTarget(
            name: "FazhiCoreTests",
            dependencies: ["FazhiCore"]
        ),
        .testTarget(
            name: "FazhiOfficeTests",
            dependencies: [
                "FazhiCore",
                "FazhiOffice",
                "FazhiTestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .testTarget(
            name: "FazhiServerTests",
            dependencies: [
                "FazhiCore",
                "FazhiOffice",
                "FazhiServer",
                "FazhiTestSupport",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
    ]
)
