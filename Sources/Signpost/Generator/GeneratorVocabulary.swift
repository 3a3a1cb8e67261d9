import Foundation

/// The wording the directory generator draws on (`Corpus/leeds/generator/vocabulary.json`).
public struct GeneratorVocabulary: Sendable, Decodable {
    public struct Kind: Sendable, Decodable {
        public var code: String
        public var name: String
        public var weight: Double
        public var service_names: [String]
        public var descriptions: [String]
        public var extras: [String]
        public var eligibility: [String]
        public var fees: [String]
        public var access: [Access]
        public var schedule_styles: [String]
        public var ages: [[Int?]]
        public var citywide_share: Double
    }

    public struct Access: Sendable, Decodable {
        public var route: String
        public var text: String
    }

    public struct Decoy: Sendable, Decodable {
        public var kind: String
        public var mentions: String
        public var name: String
        public var description: String
    }

    public struct CitywideOrganisation: Sendable, Decodable {
        public var name: String
        public var kinds: [String]
        public var description: String
    }

    public struct Organisations: Sendable, Decodable {
        public var local: [String]
        public var saints: [String]
        public var citywide: [CitywideOrganisation]
    }

    public struct Anchor: Sendable, Decodable {
        public var name: String
        public var wards: [String]
        public var description: String
        public var kinds: [String]
    }

    public struct Multilingual: Sendable, Decodable {
        public var kind: String
        public var language: String
        public var code: String
        public var name: String
        public var description: String
    }

    public var kinds: [Kind]
    public var decoys: [Decoy]
    public var organisations: Organisations
    public var anchors: [Anchor]
    public var venues: [String]
    public var streets: [String]
    public var multilingual: [Multilingual]

    /// Reads the vocabulary file.
    public static func load(from url: URL) throws(ResourceError) -> GeneratorVocabulary {
        do {
            let data = try Data(contentsOf: url)
            return try JSONDecoder().decode(GeneratorVocabulary.self, from: data)
        } catch {
            throw ResourceError(file: url.path, line: nil, reason: "cannot be read as the generator vocabulary (\(error))")
        }
    }
}
