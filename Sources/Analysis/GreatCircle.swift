import Foundation

/// Great-circle distance by the haversine formula on a sphere of the mean
/// Earth radius (IUGG: 6,371.0088 km). Accurate to ~0.5% against the
/// ellipsoid, ample for the spatial reach of cooperation links.
package enum GreatCircle {
    package static let earthRadiusKm = 6371.0088

    package static func distanceKm(lat1: Double, lon1: Double, lat2: Double, lon2: Double) -> Double {
        let rad = Double.pi / 180
        let dLat = (lat2 - lat1) * rad
        let dLon = (lon2 - lon1) * rad
        let a =
            sin(dLat / 2) * sin(dLat / 2)
            + cos(lat1 * rad) * cos(lat2 * rad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * earthRadiusKm * asin(min(1, sqrt(a)))
    }
}
