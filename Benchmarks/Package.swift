// swift-tools-version:6.1
// Benchmarks of the deadline engine, kept out of the main package so that building and testing
// Fazhi never pulls in the benchmark harness. Run from this folder:
//   swift package --scratch-path .build benchmark            (ordo-one/benchmark)
//   swift run -c release --scratch-path .build DeadlineThroughput  (plain ops/s)
import PackageDescription

// A path dependency is identified by its folder's name, which differs between checkouts
// (e.g. `main` here, another name in CI), so derive it rather than hard-code it.
let root = Context.packageDirectory.split(separator: "/").dropLast().last.map { String($0).lowercased() } ?? "main"

let package = Package(
    name: "FazhiBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "DeadlineBenchmarks",
            dependencies: [
                .product(name: "FazhiCore", package: root),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/DeadlineBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "DeadlineThroughput",
            dependencies: [.product(name: "FazhiCore", package: root)],
            path: "Sources/DeadlineThroughput"
        ),
    ]
)
