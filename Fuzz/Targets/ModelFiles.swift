import Reco

/// The `model` target: a model file with its body length and CRC-32 made consistent (so mutations
/// reach the section parser and every model's `unarchive` instead of stopping at the checksum), then
/// the restored model asked what a user would ask.
enum ModelFiles {
    static func run(_ input: [UInt8]) {
        var bytes = input
        let preamble = 20
        if bytes.count >= preamble + 4, bytes.starts(with: ModelFile.magic) {
            let body = bytes.count - preamble - 4
            withUnsafeBytes(of: UInt64(body).littleEndian) { bytes.replaceSubrange(12..<20, with: $0) }
            let checksum = CRC32.checksum(bytes[preamble..<(preamble + body)])
            withUnsafeBytes(of: checksum.littleEndian) { bytes.replaceSubrange((bytes.count - 4)..., with: $0) }
        }
        guard let archive = try? ModelFile.decode(bytes, file: "fuzz.reco"),
            let saved = try? SavedModel.unarchive(archive, file: "fuzz.reco")
        else { return }
        let training = saved.training
        guard training.userCount > 0, training.itemCount > 0 else { return }
        let user = training.userIDs.id(at: 0)
        let item = training.itemIDs.id(at: training.itemCount - 1)
        _ = try? saved.recommend(user: user, count: 5)
        _ = try? saved.recommend(user: user, count: 5, rankBy: .rating)
        _ = try? saved.recommend(forItems: [item], count: 5)
        _ = try? saved.predict(user: user, item: item)
        _ = try? saved.similarItems(to: item, count: 5)
        _ = try? saved.explain(user: user, item: item)
        _ = saved.archive()
    }
}
