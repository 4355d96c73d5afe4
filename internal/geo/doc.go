// Package geo builds sahelsim's simulation grid, a [sim.Grid], from public
// map data embedded in the binary: Natural Earth boundaries, census
// populations by region, GeoNames towns, and hand-placed gold sites,
// protected areas and corridors. The file data/SOURCES.md lists sources,
// licences and caveats; maps and reports must show [Attribution].
//
// # Study area and cells
//
// The study area is every admin-1 region of Mali and Burkina Faso and the
// Nigerien regions Tillabéri, Tahoua and Niamey: 25 regions, in the layout
// used by the 2009, 2019 and 2012 censuses (Mali's Ménaka region is part of
// Gao and Taoudénit part of Tombouctou). [Build] lays a grid of res-degree
// cells over the regions' bounding box, snapped outward to multiples of
// res, and keeps each cell whose centre lies inside a region polygon
// (holes excluded); the cell belongs to that region. A centre exactly on a
// border goes to one region only, the one east of it (north of it, on an
// east–west border). Cells are numbered row-major from
// the south-west corner, and a cell's neighbours are the adjacent study
// cells (Moore neighbourhood, up to 8). At 0.5°, 0.25° and 0.125° the grid
// has 580, 2,333 and 9,341 cells.
//
// # Cell attributes
//
// The grid (package sim) holds geometry and people; [NewLayers] builds the
// Sahel model's layers of a grid (Gold, Protected, Transit and Trafficking
// for each cell, and the Routes), which the model holds.
//
// AreaKm2 is the cell's area on a sphere of radius 6371 km,
// R²·Δλ·(sin φ2 − sin φ1).
//
// Population is the number of inhabitants on 1 January [PopulationYear]
// (2017). Each region's census count (Mali 2009, Burkina Faso 2019,
// Niger 2012; Region.Population and Region.CensusYear keep them as
// published) is projected from the middle of its census year with a
// national growth rate ([GrowthRate]: Mali 3.0 %, Burkina Faso 2.9 %,
// Niger 3.8 % a year), then shared among the region's cells: 40 % in
// proportion to cell area and 60 % in proportion to cell area times a
// Gaussian kernel (σ = 0.35°) summed over the region's towns in the places
// file, all by area if the region has no town. This is an assumption that
// gives a smooth settlement pattern around the 37 listed towns of the
// study area, not a population map. A region so small that no cell centre
// falls inside it (Bamako at 0.125° and coarser, Niamey at 0.25° and
// coarser) does not vanish: its whole population goes to the cell
// containing its capital (failing that, its centroid; failing both, the
// nearest cell of its country). That cell keeps its own region, so at 0.5° the cell holding
// Bamako's population belongs to Koulikoro and the one holding Niamey's to
// Tillabéri. Each region's projected population, and so each country's
// total, is conserved exactly up to rounding.
//
// Layers.Gold is artisanal gold-mining intensity in [0, 1]: at the cell centre,
// the sum of Gaussian kernels around artisanal gold sites and zones
// (weight 1, σ = 0.4°) and industrial gold mines (weight 0.35,
// σ = 0.25°, for the artisanal miners they attract), capped at 1. It is
// not normalised by its maximum, so it does not depend on the resolution:
// an isolated artisanal point alone gives 1 at the point and 0.5 at 0.47°
// (about 50 km) from it.
//
// Layers.Protected is protected-area cover in [0, 1], built the same way around
// the protected-area points (weight 1, σ = 0.4°, capped at 1); Pendjari in
// Benin is included, for the cells near it. The points are rough
// centroids, so this is proximity to a park rather than an areal share.
//
// Layers.Transit is transit and smuggling-route intensity in [0, 1]: the maximum
// over corridors of w·exp(−d²/2σ²), where d is the distance from the cell
// centre to the corridor's polyline, σ = 0.3°, and w is 1 for a
// trafficking corridor and 0.6 for a main road. Trafficking is set when a
// trafficking corridor passes within half a cell diagonal (res/√2) of the
// centre.
//
// Distances are in degrees, with longitude scaled by the cosine of the
// cell's latitude (one degree is about 111 km). The kernel widths and
// weights are named constants in the source; all are modelling
// assumptions, not estimates.
//
// # Other contents of the grid
//
// Grid.Countries holds MLI, BFA and NER in that order. Grid.Regions holds
// the study regions ordered by country, then by name; [Regions] lists them
// without building a grid, for checking region names in scenarios.
// Grid.Places holds every row of the places file (towns, gold mines,
// artisanal gold zones, protected areas; Capital marks Bamako, Ouagadougou
// and Niamey). Grid.Borders holds the outlines of the 14 countries of the
// map, study countries and neighbours (all rings of all parts, holes
// included, for drawing). Layers.Routes holds the 8 corridors (2 trafficking
// corridors, 6 main roads) with their waypoints and the study cells they
// cross, in path order. The corridors are schematic straight lines between
// towns, not road geometry.
//
// Build is deterministic: the same resolution always gives the same grid.
package geo
