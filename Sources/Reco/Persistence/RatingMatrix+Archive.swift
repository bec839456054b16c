extension RatingMatrix {
    /// Writes ids and the CSR arrays (no timestamps) under `prefix`.
    func archive(into archive: inout ModelArchive, prefix: String) {
        archive.strings[prefix + "user-ids"] = userIDs.ids
        archive.strings[prefix + "item-ids"] = itemIDs.ids
        archive.longs[prefix + "user-offsets"] = userOffsets.map(Int64.init)
        archive.integers[prefix + "user-items"] = userItems
        archive.floats[prefix + "user-ratings"] = userRatings
    }

    /// Reads and checks a matrix written by `archive(into:prefix:)`.
    static func unarchive(_ archive: ModelArchive, prefix: String, file: String) throws(ModelFileError) -> RatingMatrix
    {
        guard let users = archive.strings[prefix + "user-ids"], let items = archive.strings[prefix + "item-ids"],
            let offsets = archive.longs[prefix + "user-offsets"], let indices = archive.integers[prefix + "user-items"],
            let values = archive.floats[prefix + "user-ratings"]
        else { throw .malformed(path: file, reason: "the training ratings are missing") }
        let userIDs = IDMap(users)
        let itemIDs = IDMap(items)
        guard userIDs.count == users.count, itemIDs.count == items.count else {
            throw .malformed(path: file, reason: "duplicated user or item ids")
        }
        guard offsets.count == users.count + 1, offsets.first == 0, offsets.last == Int64(indices.count),
            indices.count == values.count, zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }),
            indices.allSatisfy({ $0 >= 0 && Int($0) < items.count })
        else { throw .malformed(path: file, reason: "the training ratings are inconsistent") }
        return RatingMatrix(
            userIDs: userIDs, itemIDs: itemIDs, userOffsets: offsets.map(Int.init), userItems: indices,
            userRatings: values,
            userTimestamps: [], duplicateCount: 0)
    }
}
