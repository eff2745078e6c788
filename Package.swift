// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "transborder",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "transborder", targets: ["transborder"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // System libraries (Debian: libzmq3-dev, libsqlite3-dev).
        .systemLibrary(
            name: "CZeroMQ",
            pkgConfig: "libzmq",
            providers: [.apt(["libzmq3-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            providers: [.apt(["libsqlite3-dev"])]
        ),

        // Pure compute core: no sockets, no files, no clocks.
        .target(name: "CooperationNetwork"),
        .target(name: "Centrality"),
        .target(name: "StageTransition"),
        .target(name: "Resampling"),
        .target(
            name: "Analysis",
            dependencies: ["CooperationNetwork", "Centrality", "StageTransition", "Resampling"]
        ),

        // Edges of the system: files, sockets, the store.
        // Files written whole or not at all (job outputs, cluster result folders).
        .target(name: "AtomicOutput"),
        .target(
            name: "JobFiles",
            dependencies: [
                "CooperationNetwork", "Analysis", "AtomicOutput",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(name: "ZeroMQ", dependencies: ["CZeroMQ"]),
        .target(
            name: "Cluster",
            dependencies: [
                "ZeroMQ", "CSQLite", "CooperationNetwork", "AtomicOutput",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "transborder",
            dependencies: [
                "CooperationNetwork", "Centrality", "StageTransition", "Resampling",
                "Analysis", "JobFiles", "AtomicOutput", "ZeroMQ", "Cluster",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Builds jobs/heilongjiang-far-east from its facts (jobs/heilongjiang-far-east/RULES.md).
        .executableTarget(
            name: "build-default-job",
            dependencies: [.product(name: "CSV", package: "CSV.swift")],
            path: "Sources/BuildDefaultJob"
        ),

        // Tests read committed fixtures (Tests/Fixtures); none needs Python.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "CentralityTests", dependencies: ["Centrality", "TestSupport"]),
        .testTarget(name: "StageTransitionTests", dependencies: ["StageTransition", "TestSupport"]),
        .testTarget(name: "CooperationNetworkTests", dependencies: [
            "CooperationNetwork", "JobFiles", "TestSupport",
            // CSV.swift: the reference reader `CSVScanner` is compared with.
            .product(name: "CSV", package: "CSV.swift"),
        ]),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "Resampling", "JobFiles", "CooperationNetwork", "TestSupport"]),
        .testTarget(name: "ClusterTests", dependencies: ["Cluster", "ZeroMQ", "TestSupport"]),
        // CSV.swift: reads the default job's links and facts in DefaultJobTraceTests.
        .testTarget(name: "CLITests", dependencies: ["TestSupport", .product(name: "CSV", package: "CSV.swift")]),
    ],
    swiftLanguageModes: [.v6]
)
