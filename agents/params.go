package agents

import "github.com/sahelsim/sahelsim/sim"

// Params is everything a scenario sets for the Sahel model. Field tags say
// how each key is named in TOML (toml), what it means (doc), its unit,
// allowed range (min, max) or values (enum), and where its default comes
// from (src: a figure in the report, a public estimate, or an assumption).
// The scenario loader enforces the ranges and the model documentation's
// parameter tables are generated from these tags.
type Params struct {
	Start    sim.Date `toml:"start" doc:"first day simulated" src:"report: ACLED data window starts 2017"`
	End      sim.Date `toml:"end" doc:"last day simulated (inclusive)" src:"report: data to 30 September 2020"`
	StepDays int      `toml:"step_days" doc:"length of one step" unit:"days" min:"1" max:"91" src:"assumption: weekly decisions"`
	Seed     uint64   `toml:"seed" doc:"base random seed; replicate r uses the stream (seed, r)" src:"-"`

	Map         MapParams         `toml:"map"`
	Zones       map[string]*Zone  `toml:"zones" doc:"analysis zones: admin-1 regions grouped as in the report; cells of unlisted regions form the zone \"rest\""`
	Groups      Groups            `toml:"groups"`
	Fighters    FighterParams     `toml:"fighters"`
	Movement    MovementParams    `toml:"movement"`
	Violence    ViolenceParams    `toml:"violence"`
	Recruitment RecruitmentParams `toml:"recruitment"`
	Leadership  LeadershipParams  `toml:"leadership"`
	Rivalry     RivalryParams     `toml:"rivalry"`
	Crime       CrimeParams       `toml:"crime"`
	Communities CommunityParams   `toml:"communities"`
	Forces      Forces            `toml:"forces"`
	Attribution AttributionParams `toml:"attribution"`
	Illicit     IllicitParams     `toml:"illicit"`
	Policy      Policy            `toml:"policy"`

	// Timeline holds the scenario's dated shocks ([timeline.<id>] tables,
	// which package scenarios decodes and resolves): not a key itself.
	Timeline Timeline `toml:"-"`
}

// MapParams sets the grid and the scale of local interactions.
type MapParams struct {
	Resolution float64 `toml:"resolution" doc:"grid cell size" unit:"degrees" min:"0.0625" max:"1" src:"assumption: 0.5° ≈ 55 km, the scale of a cercle or province"`
	DensityKm  float64 `toml:"density_km" doc:"radius of the area over which the density of people is measured for recruitment, the placing of fighters at the start and the pull of people on fighters" unit:"km" min:"5" max:"300" src:"assumption: wider than the coarsest grid's cells (0.5°, 55 km), so that the density does not sharpen with the resolution; a market town's hinterland"`
	Dense      float64 `toml:"dense" doc:"density of people at which an area counts as fully populated: the people a band can attack, the pull of people and recruitment saturate there" unit:"inhabitants/km²" min:"1" max:"10000" src:"assumption: the density of the settled Niger inland delta and of the Mossi plateau"`
	LocalKm    float64 `toml:"local_km" doc:"radius of the local area within which bands, units, militias and communities meet: local forces, government presence, the reach of an attack's fear and of an operation" unit:"km" min:"5" max:"200" src:"assumption: about a day's ride from a camp; a disc of 30 km has the area of a 0.5° cell"`
}

// A Zone is an analysis zone: a named set of admin-1 regions.
type Zone struct {
	Label   string   `toml:"label" doc:"display name" src:"report: the four areas of operation, plus eastern Burkina Faso and the tri-border"`
	Regions []string `toml:"regions" doc:"admin-1 regions (official names) that form the zone" src:"report (areas of operation), mapped onto Natural Earth admin-1 regions (assumption)"`
}

// Groups holds one parameter table per component group. The set of groups
// is fixed: the six JNIM members named by the report and ISGS, its rival.
type Groups struct {
	FLM           GroupParams `toml:"flm"`
	AnsarDine     GroupParams `toml:"ansar_dine"`
	KatibaSerma   GroupParams `toml:"katiba_serma"`
	AnsaroulIslam GroupParams `toml:"ansaroul_islam"`
	AQIMSahara    GroupParams `toml:"aqim_sahara"`
	AlMourabitoun GroupParams `toml:"al_mourabitoun"`
	ISGS          GroupParams `toml:"isgs"`
}

// NumGroups is the number of component groups.
const NumGroups = 7

// GroupIDs are the scenario ids of the groups, in index order.
var GroupIDs = [NumGroups]string{"flm", "ansar_dine", "katiba_serma", "ansaroul_islam", "aqim_sahara", "al_mourabitoun", "isgs"}

// Group indices.
const (
	FLM = iota
	AnsarDine
	KatibaSerma
	AnsaroulIslam
	AQIMSahara
	AlMourabitoun
	ISGS
)

// List returns pointers to the groups' parameters in index order.
func (g *Groups) List() [NumGroups]*GroupParams {
	return [NumGroups]*GroupParams{&g.FLM, &g.AnsarDine, &g.KatibaSerma, &g.AnsaroulIslam, &g.AQIMSahara, &g.AlMourabitoun, &g.ISGS}
}

// GroupParams describes one component group: only what the report (or a
// cited public source) says differs between groups: who they are, their
// leaders, their aims, the communities their kin networks run through,
// their areas and their money. How they fight, recruit and move follows
// from the shared rules; the tactical multipliers are all 1 by default.
type GroupParams struct {
	Label     string `toml:"label" doc:"display name" src:"report"`
	Coalition string `toml:"coalition" doc:"coalition it belongs to (\"JNIM\") or empty" enum:"|JNIM" src:"report: JNIM's members; ISGS operates in the region as a rival"`
	Fighters  int    `toml:"fighters" doc:"active fighters at the start" min:"0" max:"100000" src:"assumption: order of magnitude of public estimates for 2017 (JNIM about 1,000–2,000, ISGS a few hundred; UN Monitoring Team reports)"`

	Leader          string   `toml:"leader" doc:"leader's name at the start" src:"report"`
	LeaderKilled    sim.Date `toml:"leader_killed" doc:"date the leader is killed, if known (historical shock); empty = only emergent risk" src:"report names the deaths (Dicko 2017; Okacha and Maychou, AQIM Sahara; Ould Nouini, al Mourabitoun); dates approximate public reporting"`
	Succession      float64  `toml:"succession" doc:"probability that a killed leader is replaced" min:"0" max:"1" src:"assumption; report: no identifiable new leadership after AQIM Sahara's and al Mourabitoun's leaders died, while Ansaroul Islam carried on (Jafar Dicko succeeded his brother, public reporting)"`
	SuccessionWeeks int      `toml:"succession_weeks" doc:"weeks of churn before a successor takes over" unit:"weeks" min:"0" max:"520" src:"assumption"`

	Political float64  `toml:"political" doc:"aims: 1 purely political (influence, negotiation), 0 purely religious and social change; restrains indiscriminate violence, drives governance (1 − political), willingness to negotiate and the share of ideological recruits" min:"0" max:"1" src:"report: Ag Ghali's objectives seem primarily political, Koufa's religious and social; values assumed; FLM's value calibrated: the posterior median of the baseline's calibration (MODEL.md 3.6)"`
	Kin       []string `toml:"kin" doc:"communities its kin networks run through (ids of the communal layer: fulani, dogon, mossi, sedentary, tuareg_arab): where it recruits most readily and the communities stigmatised as affiliated with it" src:"report: the leaders are Tuareg (Ag Ghali, Ifoghas), Fulani (Koufa) and Arab (AQIM Sahara, al Mourabitoun); Fulani are a disproportionate share of fighters; ISGS: Fulani and Tuareg (Dawsahak) of Ménaka and Tillabéri (ICG, Africa Report 289, 2020)"`

	Civilians float64 `toml:"civilians" doc:"multiplier of the shared weight of attacks on civilians (1: no group-specific preference)" min:"0" max:"10" src:"second edition: 1 for every group; differences in targeting emerge from aims, control and contest"`
	Leaders   float64 `toml:"leaders" doc:"multiplier of the shared weight of killings of local leaders and imams" min:"0" max:"10" src:"second edition: 1 for every group"`
	Security  float64 `toml:"security" doc:"multiplier of the shared weight of attacks on security forces" min:"0" max:"10" src:"second edition: 1 for every group"`
	Explosive float64 `toml:"explosive" doc:"multiplier of the shared weight of explosive devices" min:"0" max:"10" src:"second edition: 1 for every group"`
	Kidnap    float64 `toml:"kidnap" doc:"multiplier of the shared weight of kidnappings" min:"0" max:"10" src:"second edition: 1 for every group"`
	Rivals    float64 `toml:"rivals" doc:"multiplier of the shared weight of clashes with rivals" min:"0" max:"10" src:"second edition: 1 for every group"`
	Claims    float64 `toml:"claims" doc:"share of its events it claims (an observation parameter: who says what)" min:"0" max:"1" src:"report: the majority of events attributed to JNIM go unclaimed; ISGS claims through the Islamic State's media; values assumed"`

	Areas  []string   `toml:"areas" doc:"admin-1 regions of its historical area of influence" src:"report, Figures 2 and 3: historical areas of influence (illustrative); FLM's Macina reference covers central Mali to northern Burkina Faso"`
	Home   [2]float64 `toml:"home" doc:"centre of its historical area (latitude, longitude)" unit:"degrees" src:"report, Figures 2 and 3 (centre placed by hand)"`
	HomeKm float64    `toml:"home_km" doc:"radius of its historical area around home" unit:"km" min:"10" max:"2000" src:"assumption, from the extent of the areas in the report's Figures 2 and 3"`

	Treasury float64 `toml:"treasury" doc:"money at the start" unit:"USD" min:"0" src:"assumption"`
	Upkeep   float64 `toml:"upkeep" doc:"cost of one active fighter per year" unit:"USD/year" min:"0" src:"assumption"`
	Transit  float64 `toml:"transit" doc:"share of a controlled route's value it extorts" min:"0" max:"1" src:"report: revenue mostly from extortion of transit routes; Ansar Dine taxes traffickers' routes in the north; calibrated to 18–35 M USD a year"`
	Mining   float64 `toml:"mining" doc:"share of a controlled mining area's value it takes" min:"0" max:"1" src:"report: communities engaged in artisanal mining; calibrated to 18–35 M USD a year"`
	Zakat    float64 `toml:"zakat" doc:"zakat and grazing tax per governed inhabitant per year" unit:"USD/year" min:"0" src:"report: FLM instituted zakat; value assumed"`
	Ransom   float64 `toml:"ransom" doc:"mean ransom per kidnapping" unit:"USD" min:"0" src:"report: kidnapping for ransom; AQIM Sahara and al Mourabitoun held foreign hostages (millions of USD); value assumed"`
}

// FighterParams are the rules shared by all fighters.
type FighterParams struct {
	Defection    float64 `toml:"defection" doc:"weekly probability that an uncommitted fighter of a fully incohesive group defects" unit:"1/week" min:"0" max:"1" src:"assumption"`
	Realign      float64 `toml:"realign" doc:"share of defectors who join another group present in their area" min:"0" max:"1" src:"report: fighters defect, realign or strike out on their own; value assumed"`
	ChurnRealign float64 `toml:"churn_realign" doc:"share of the defectors of a group without an effective leader who join another group present (most readily one of their kin)" min:"0" max:"1" src:"report: remnants of Ansaroul Islam reintegrated with FLM after Dicko's death; value assumed"`
	Criminal     float64 `toml:"criminal" doc:"share of materially motivated defectors who turn to crime near routes and mines" min:"0" max:"1" src:"report: fighters may join organised crime, smuggling and artisanal gold outfits; value assumed"`
	Recidivism   float64 `toml:"recidivism" doc:"weekly probability that a fighter who blended back into a community returns to a group" unit:"1/week" min:"0" max:"1" src:"assumption"`
	Pressure     float64 `toml:"pressure" doc:"how much government presence raises defection" min:"0" max:"10" src:"assumption"`
	Leaderless   float64 `toml:"leaderless" doc:"defection of a group without an effective leader (in churn or leaderless), relative to one with" min:"1" max:"20" src:"assumption"`
	Unpaid       float64 `toml:"unpaid" doc:"defection of a group with an empty treasury, relative to one with a quarter of a year's upkeep in hand, minus one (it rises linearly in between)" min:"0" max:"100" src:"report: dissension over the distribution of loot; fighters strike out on their own; value assumed"`
	MoveShare    float64 `toml:"move_share" doc:"share of fighters reconsidering their position each week" min:"0" max:"1" src:"assumption: about once in two months; with mobility, a spread of move_share × mobility² = 312 km² a week (the first round's 0.5 × 25²), in fewer and longer looks"`
	Mobility     float64 `toml:"mobility" doc:"standard deviation of the displacement a fighter who reconsiders his position looks at, on each horizontal axis" unit:"km" min:"0" max:"500" src:"assumption: a few days on a motorbike or on foot, shared by every group"`
	BandSize     float64 `toml:"band_size" doc:"fighters at which a band reaches full striking capacity and controls its area" min:"1" src:"assumption"`
	Ideological  float64 `toml:"ideological" doc:"share of ideologically committed recruits of a group whose aims are half political; a group with religious aims (political 0) draws 1.5 times as many, a political one (1) half as many" min:"0" max:"1" src:"report: lower-level fighters have varying levels of commitment; value assumed"`
	Programme    float64 `toml:"programme" doc:"share of those not accepted at the end of a reintegration programme who go straight back to their group (the others stay in the community)" min:"0" max:"1" src:"assumption"`
	StartHome    float64 `toml:"start_home" doc:"closeness to the group's home a cell needs for the group's fighters to be placed there at the start" min:"0" max:"1" src:"assumption"`
	StartPeople  float64 `toml:"start_people" doc:"weight of an empty cell in the placing of fighters at the start, relative to a fully populated one (weight closeness² × (start_people + √density))" min:"0" max:"10" src:"assumption"`
	Committed    float64 `toml:"committed" doc:"least commitment of an ideological recruit (drawn uniformly up to 1); hardliners who break away after a settlement are the fighters at or above it" min:"0" max:"1" src:"assumption"`
	Material     float64 `toml:"material" doc:"largest commitment of a material recruit (drawn uniformly from 0); fighters below committed are material: they may turn to crime" min:"0" max:"1" src:"assumption"`
	UnpaidYears  float64 `toml:"unpaid_years" doc:"years of upkeep in hand below which fighters go unpaid: defection rises and cohesion falls as the treasury falls below it" unit:"years" min:"0.01" max:"5" src:"assumption: a quarter of a year's pay"`
	Opportunity  float64 `toml:"opportunity" doc:"gold plus transit intensity (local means) a material defector needs around him to turn to crime" min:"0" max:"2" src:"assumption"`
	RealignKin   float64 `toml:"realign_kin" doc:"weight of a group of his kin in a defector's choice of a new group, relative to another group of equal cohesion" min:"1" max:"10" src:"report: fighters' personal connections matter more than leaders' motivations; value assumed"`
	Stigmatised  float64 `toml:"stigmatised" doc:"acceptance lost at the end of a reintegration programme per unit of the community's stigmatisation" min:"0" max:"1" src:"report: working with communities lest fighters revert; value assumed"`
	Relapse      float64 `toml:"relapse" doc:"recidivism where the community holds no grievance and no stigma, relative to recidivism (× (relapse + grievance + stigmatisation))" min:"0" max:"10" src:"assumption"`
	Reaccepted   float64 `toml:"reaccepted" doc:"recidivism of a fighter who completed a programme, relative to one who blended back alone" min:"0" max:"1" src:"assumption"`
}

// MovementParams weigh what pulls fighters to a cell and what pushes them
// away (the movement rule, movement.go).
type MovementParams struct {
	Home       float64 `toml:"home" doc:"pull of the group's historical area (at its centre)" min:"0" max:"10" src:"assumption"`
	Gold       float64 `toml:"gold" doc:"pull of artisanal gold (at full intensity)" min:"0" max:"10" src:"report: control of artisanal gold mining drives the eastern surge; value assumed"`
	Transit    float64 `toml:"transit" doc:"pull of routes to extort (at full intensity)" min:"0" max:"10" src:"report: commercial routes and smuggling; value assumed"`
	People     float64 `toml:"people" doc:"pull of people to tax and recruit (at 100 inhabitants per km²)" min:"0" max:"10" src:"assumption"`
	Cover      float64 `toml:"cover" doc:"pull of the cover of protected areas and forest reserves (at full cover)" min:"0" max:"10" src:"report: conservation and nature reserves provide cover; value assumed"`
	Far        float64 `toml:"far" doc:"pull of the same opportunity averaged over far_km (fighters know of opportunity beyond their area)" min:"0" max:"10" src:"assumption"`
	FarKm      float64 `toml:"far_km" doc:"scale at which fighters know of opportunity elsewhere (standard deviation of a Gaussian)" unit:"km" min:"1" max:"1000" src:"assumption"`
	Money      float64 `toml:"money" doc:"weight of opportunity for a fighter: 1 + money × (need of the group + (1 − his commitment)), need = 1 − years of pay in hand (0 to 1)" min:"0" max:"10" src:"report: fighters follow money into gold and smuggling areas; value assumed"`
	Lure       float64 `toml:"lure" doc:"pull of an open illicit network (no ally, or an ally with less than a band on it) at full health and high value" min:"0" max:"10" src:"report: militants tap into criminal networks; value assumed"`
	LureKm     float64 `toml:"lure_km" doc:"distance scale of an open network's pull (standard deviation of a Gaussian)" unit:"km" min:"1" max:"1000" src:"assumption"`
	LureValue  float64 `toml:"lure_value" doc:"network value at which its pull is half its maximum" unit:"USD/year" min:"1" src:"assumption"`
	Support    float64 `toml:"support" doc:"pull of a community's support for the group" min:"0" max:"10" src:"assumption"`
	Kin        float64 `toml:"kin" doc:"pull of a population of the group's kin (at 100 % kin)" min:"0" max:"10" src:"assumption: fighters move through their kin's areas"`
	Pressure   float64 `toml:"pressure" doc:"push of government presence, per unit of presence" min:"0" max:"10" src:"report: sustained presence disrupts free movement; value assumed"`
	Rivals     float64 `toml:"rivals" doc:"push of hostile rival fighters nearby, per full band (at most three)" min:"0" max:"10" src:"assumption"`
	Crowding   float64 `toml:"crowding" doc:"push of the group's own fighters nearby, per full band beyond the first" min:"0" max:"10" src:"assumption"`
	Noise      float64 `toml:"noise" doc:"scale of the noise in moving decisions (difference in attraction at which a move is taken three times in four)" min:"0.01" max:"10" src:"assumption"`
	Leaderless float64 `toml:"leaderless" doc:"pull of home of a group without a leader, relative to one with" min:"0" max:"1" src:"assumption"`
	AreaFloor  float64 `toml:"area_floor" doc:"least closeness to home of a cell inside the group's areas (admin-1 regions), however far from its centre" min:"0" max:"1" src:"assumption: the report's areas of influence are regions, not discs; calibrated: the baseline's value is the posterior median of its calibration (MODEL.md 3.6)"`
	RivalsCap  float64 `toml:"rivals_cap" doc:"bands of hostile rivals beyond which their push on movement grows no more" min:"0" max:"100" src:"assumption"`
}

// ViolenceParams set how bands choose and carry out attacks (violence.go).
type ViolenceParams struct {
	Tempo     float64 `toml:"tempo" doc:"attacks per active fighter per year per unit of target weight" unit:"1/year" min:"0" max:"10" src:"calibrated to the report's event counts (2017 level); shared by every group"`
	Civilians float64 `toml:"civilians" doc:"weight of attacks on civilians, before people, control, hostility and aims" min:"0" max:"10" src:"assumption (the same for every group); calibrated: the baseline's value is the posterior median of its calibration (MODEL.md 3.6)"`
	Leaders   float64 `toml:"leaders" doc:"weight of killings of local leaders and imams who refuse a group's authority" min:"0" max:"10" src:"assumption (the same for every group)"`
	Security  float64 `toml:"security" doc:"weight of attacks on security forces" min:"0" max:"10" src:"assumption (the same for every group)"`
	Explosive float64 `toml:"explosive" doc:"weight of explosive devices against forces on the roads" min:"0" max:"10" src:"assumption (the same for every group)"`
	Kidnap    float64 `toml:"kidnap" doc:"weight of kidnappings for ransom" min:"0" max:"10" src:"assumption (the same for every group)"`
	Rivals    float64 `toml:"rivals" doc:"weight of clashes with rival fighters nearby in open conflict" min:"0" max:"10" src:"assumption (the same for every group)"`

	Restraint    float64 `toml:"restraint" doc:"how much political aims restrain indiscriminate violence: attacks on civilians and killings of leaders × (1 − restraint × political)" min:"0" max:"1" src:"report: Ag Ghali maintains links to secular leaders; Koufa's fighters kill imams and traditional leaders; value assumed"`
	Outgroup     float64 `toml:"outgroup" doc:"hostility towards communities not of the group's kin, per unit of their share of the people" min:"0" max:"10" src:"report: inter- and intracommunal tensions stoked by FLM; value assumed"`
	Resistance   float64 `toml:"resistance" doc:"hostility from local resistance: self-defence militias and support for the state over support for the group" min:"0" max:"10" src:"report: popular resistance in central Mali and northern Burkina Faso; value assumed"`
	Base         float64 `toml:"base" doc:"attacks on forces and explosive devices where no soldier is within the local area, relative to full presence (posts, patrols, gendarmeries)" min:"0" max:"10" src:"assumption"`
	Churn        float64 `toml:"churn" doc:"tempo of a group without an effective leader, relative" min:"0" max:"1" src:"assumption"`
	Broke        float64 `toml:"broke" doc:"tempo of a group with an empty treasury, relative" min:"0" max:"1" src:"assumption"`
	Mood         float64 `toml:"mood" doc:"tempo of a group without cohesion, relative to a fully cohesive one (× (mood + (1 − mood) × cohesion))" min:"0" max:"1" src:"assumption; calibrated: the baseline's value is the posterior median of its calibration (MODEL.md 3.6)"`
	Crowd        float64 `toml:"crowd" doc:"exponent of the density of people in the weights of attacks on civilians, leaders and kidnappings (people = (density/map.dense)^crowd): below 1, the first people count most" min:"0" max:"2" src:"assumption"`
	LeadersLeft  float64 `toml:"leaders_left" doc:"leaders' weight stays full until only 1/leaders_left of the local leaders at the start are left, then falls with them" min:"1" max:"100" src:"assumption"`
	PresenceCap  float64 `toml:"presence_cap" doc:"government presence beyond which more soldiers draw no more attacks on forces and devices" min:"0" max:"100" src:"assumption"`
	Guarded      float64 `toml:"guarded" doc:"weight of routes and of gold in attacks on forces (the soldiers guarding them), per unit of intensity" min:"0" max:"10" src:"report: control of mining sites and routes; value assumed"`
	Patrols      float64 `toml:"patrols" doc:"weight of presence in explosive devices, relative to its weight in attacks on forces" min:"0" max:"10" src:"assumption"`
	Roads        float64 `toml:"roads" doc:"explosive devices where no route passes, relative to a full route (× (roads + transit))" min:"0" max:"10" src:"assumption"`
	Travellers   float64 `toml:"travellers" doc:"kidnappings where no route passes, relative to a full route (× (travellers + transit))" min:"0" max:"10" src:"assumption"`
	Stakes       float64 `toml:"stakes" doc:"weight of clashes where there is neither gold nor a route, relative to one unit of either (× (stakes + gold + transit))" min:"0" max:"10" src:"report: disputes over territory and resources; value assumed"`
	ClashCapture float64 `toml:"clash_capture" doc:"share of the losers of a clash between rivals taken prisoner rather than killed" min:"0" max:"1" src:"assumption"`
	LeaderShock  float64 `toml:"leader_shock" doc:"fear, stigmatisation and lost trust in the state of a killing of a local leader, relative to an attack on civilians" min:"0" max:"1" src:"assumption"`

	Commit      float64 `toml:"commit" doc:"mean fighters an attack commits, before the cap of the group's fighters within the local area: an exponential draw, so only massed bands make large attacks" min:"1" max:"1000" src:"assumption, calibrated to the share of events with 20 and 50 or more fatalities (ACLED, 2017–2019)"`
	KillForces  float64 `toml:"kill_forces" doc:"mean fatalities per committed fighter of an attack on security forces (soldiers and attackers)" min:"0" max:"10" src:"assumption, calibrated to the report's fatalities and ACLED's event sizes"`
	KillCivil   float64 `toml:"kill_civilians" doc:"mean civilians killed per committed fighter of an attack on civilians" min:"0" max:"10" src:"assumption, calibrated as kill_forces"`
	KillLeader  float64 `toml:"kill_leader" doc:"mean people killed with a targeted local leader or imam, beyond him" min:"0" max:"10" src:"assumption"`
	KillIED     float64 `toml:"kill_explosive" doc:"mean fatalities of an explosive device" min:"0" max:"100" src:"assumption"`
	KillKidnap  float64 `toml:"kill_kidnap" doc:"mean fatalities of a kidnapping" min:"0" max:"100" src:"assumption"`
	KillClash   float64 `toml:"kill_clash" doc:"mean fatalities of a clash between rivals per committed fighter (the geometric mean of the two sides' committed)" min:"0" max:"10" src:"assumption"`
	AttackLoss  float64 `toml:"attack_losses" doc:"share of the fatalities of an attack on forces that are attackers" min:"0" max:"1" src:"assumption"`
	SupportLoss float64 `toml:"support_loss" doc:"support for the group lost by the communities of the local area per attack on civilians" min:"0" max:"1" src:"report: the groups do not enjoy wide popular support; value assumed"`
	RansomPaid  float64 `toml:"ransom_paid" doc:"share of kidnappings that end in a ransom" min:"0" max:"1" src:"assumption"`
}

// RecruitmentParams set how bands recruit (recruitment.go).
type RecruitmentParams struct {
	Rate     float64 `toml:"rate" doc:"recruits per active fighter per year in a fully susceptible community of his kin, at 100 inhabitants per km², with full pay, cohesion and some support" unit:"1/year" min:"0" max:"100" src:"calibrated to the growth of violence 2017–2019 (ACLED; the report's near sevenfold surge); shared by every group; calibrated: the baseline's value is the posterior median of its calibration (MODEL.md 3.6)"`
	Outgroup float64 `toml:"outgroup" doc:"recruitment among communities not of the group's kin, relative to its kin" min:"0" max:"1" src:"report: FLM is not an exclusively Fulani group; value assumed"`
	Stigma   float64 `toml:"stigma" doc:"weight of stigmatisation in a community's susceptibility (grievance counts 1)" min:"0" max:"10" src:"report: stigmatisation and ethnically based reprisals exploited for recruitment; value assumed; calibrated: the baseline's value is the posterior median of its calibration (MODEL.md 3.6)"`
	Threat   float64 `toml:"threat" doc:"weight of the threat of a farmers' militia in the susceptibility of herders (who seek protection)" min:"0" max:"10" src:"report: ethnically based reprisals; value assumed"`
	MaxShare float64 `toml:"max_share" doc:"largest share of the people within the local area that the fighters of all groups together can be" min:"0" max:"0.1" src:"assumption: about one young man in a hundred (young men are about a sixth of the people); calibrated: the baseline's value is the posterior median of its calibration (MODEL.md 3.6)"`
	Settled  float64 `toml:"settled" doc:"recruitment of a group that has settled, relative" min:"0" max:"1" src:"assumption"`
	Pay      float64 `toml:"pay" doc:"recruitment of a group with an empty treasury, relative to one that can pay" min:"0" max:"1" src:"assumption: money draws material recruits"`
	Mood     float64 `toml:"mood" doc:"recruitment of a group without cohesion, relative to a fully cohesive one (× (mood + (1 − mood) × cohesion))" min:"0" max:"1" src:"assumption; calibrated: the baseline's value is the posterior median of its calibration (MODEL.md 3.6)"`
	Aims     float64 `toml:"aims" doc:"recruitment of a group with purely political aims (× (aims + drive), drive = 1 − political): religious and social aims mobilise more" min:"0" max:"10" src:"report: Koufa's preaching drew a following; value assumed"`
	Welcome  float64 `toml:"welcome" doc:"recruitment where the people give the group no support (× (welcome + support))" min:"0" max:"10" src:"assumption; calibrated: the baseline's value is the posterior median of its calibration (MODEL.md 3.6)"`
}

// LeadershipParams set leaders, churn and cohesion (leadership.go).
type LeadershipParams struct {
	Cohesion   float64 `toml:"cohesion" doc:"calm level of cohesion of a group with its leader and full standing" min:"0" max:"1" src:"assumption (the same for every group); calibrated: the baseline's value is the posterior median of its calibration (MODEL.md 3.6)"`
	Rate       float64 `toml:"rate" doc:"weekly adjustment of cohesion towards its current level" unit:"1/week" min:"0" max:"1" src:"assumption"`
	Death      float64 `toml:"death" doc:"cohesion kept at once when the leader dies" min:"0" max:"1" src:"assumption; calibrated: the baseline's value is the posterior median of its calibration (MODEL.md 3.6)"`
	Churn      float64 `toml:"churn" doc:"level of cohesion during the churn that follows the leader's death, relative" min:"0" max:"1" src:"assumption"`
	Leaderless float64 `toml:"leaderless" doc:"level of cohesion of a group that found no successor, relative" min:"0" max:"1" src:"assumption"`
	Dissension float64 `toml:"dissension" doc:"cohesion lost to disputes over pay and loot (per year of pay missing below fighters.unpaid_years) and over grazing taxes (× grazing × the herding share of the people it governs)" min:"0" max:"1" src:"report: FLM's dissension over taxes on grazing land and loot; value assumed"`
	Commander  float64 `toml:"commander" doc:"cohesion lost when a targeted operation kills a band's commander (one whose local force it halves)" min:"0" max:"1" src:"report: the churn of commanders; value assumed"`
	Govern     float64 `toml:"govern" doc:"least drive (1 − political) of a group that imposes its courts and zakat where it has most fighters" min:"0" max:"1" src:"report: FLM imposed courts, zakat and rules over dozens of villages, Ansar Dine sought influence; value assumed"`
	Standing   float64 `toml:"standing" doc:"cohesion of a group whose leader has lost all standing, relative to full standing (× (standing + (1 − standing) × the leader's standing))" min:"0" max:"1" src:"assumption"`
	Grazing    float64 `toml:"grazing" doc:"cohesion lost to disputes over grazing taxes per unit of dissension and of the herding share of the people the group governs" min:"0" max:"10" src:"report: FLM's dissension over taxes on grazing land; value assumed"`
	Halved     float64 `toml:"halved" doc:"share of a band's local force a targeted operation must hit to kill its commander" min:"0" max:"1" src:"assumption"`
}

// RivalryParams set the state of relations between JNIM and ISGS (rivalry.go).
type RivalryParams struct {
	Start       float64 `toml:"start" doc:"hostility at the start (0: cooperation … 1: open conflict; below 1/3 cooperation, from 2/3 open conflict)" min:"0" max:"1" src:"report and public reporting: the 'Sahelian exception', JNIM and ISGS fighting alongside one another until 2019"`
	Competition float64 `toml:"competition" doc:"weekly rise of hostility per unit of overlap (the share of the smaller side's fighters that share a local area with the other's)" unit:"1/week" min:"0" max:"1" src:"report: disputes over territory and resources; value assumed"`
	Calm        float64 `toml:"calm" doc:"weekly decay of hostility" unit:"1/week" min:"0" max:"1" src:"assumption"`
	Clash       float64 `toml:"clash" doc:"hostility added by each clash between them" min:"0" max:"1" src:"assumption"`
	Defection   float64 `toml:"defection" doc:"hostility added by each fighter who realigns from one to the other" min:"0" max:"1" src:"public reporting: defections from FLM to ISGS in 2019; value assumed"`
	Network     float64 `toml:"network" doc:"hostility added when an illicit network changes ally from one to the other" min:"0" max:"1" src:"report: disputes over resources; value assumed"`
	Talks       float64 `toml:"talks" doc:"weekly rise of hostility while a JNIM member is in talks with a government" unit:"1/week" min:"0" max:"1" src:"report: negotiations may have deteriorated relations with ISGS; value assumed"`
	Tolerance   float64 `toml:"tolerance" doc:"weight of clashes and of the rivals' push in tolerance, relative to open conflict (in cooperation it is tolerance²)" min:"0" max:"1" src:"assumption"`
}

// CrimeParams set what fighters who turned to crime do (crime.go).
type CrimeParams struct {
	Rate        float64 `toml:"rate" doc:"criminal attacks (banditry, cattle theft, kidnapping) per criminal per year" unit:"1/year" min:"0" max:"100" src:"report: bands devolve into criminality; value assumed"`
	Kill        float64 `toml:"kill" doc:"mean fatalities of a criminal attack" min:"0" max:"100" src:"assumption"`
	Fear        float64 `toml:"fear" doc:"fear added to the local area by a criminal attack, relative to an attack on civilians" min:"0" max:"1" src:"assumption"`
	RecruitBack float64 `toml:"recruit_back" doc:"weekly probability that a group with a band nearby recruits a criminal back" unit:"1/week" min:"0" max:"1" src:"report: a fluid exchange of combatants between militant and other armed groups; value assumed"`
	Arrest      float64 `toml:"arrest" doc:"weekly probability that a criminal is arrested at full government presence" unit:"1/week" min:"0" max:"1" src:"assumption"`
}

// CommunityParams are the rules of communities and their militias.
type CommunityParams struct {
	Grievance      float64 `toml:"grievance" doc:"grievance at the start and its usual level" min:"0" max:"1" src:"assumption; calibrated: the baseline's value is the posterior median of its calibration (MODEL.md 3.6)"`
	GrievanceDecay float64 `toml:"grievance_decay" doc:"weekly return of grievance towards its usual level" unit:"1/week" min:"0" max:"1" src:"assumption"`
	FearDecay      float64 `toml:"fear_decay" doc:"weekly decay of fear" unit:"1/week" min:"0" max:"1" src:"assumption"`
	StigmaDecay    float64 `toml:"stigma_decay" doc:"weekly decay of stigmatisation" unit:"1/week" min:"0" max:"1" src:"assumption"`
	ReprisalHarm   float64 `toml:"reprisal_harm" doc:"grievance and stigmatisation added to a community hit by a reprisal or blunt operation (spread over the local area)" min:"0" max:"1" src:"assumption; report: blunt responses worsen relations between communities and the security sector"`
	AttackFear     float64 `toml:"attack_fear" doc:"fear added to the local area by an attack on civilians" min:"0" max:"1" src:"assumption"`
	StigmaAttack   float64 `toml:"stigma_attack" doc:"stigmatisation added to the attackers' kin communities of the local area by an attack on civilians or a leader" min:"0" max:"1" src:"report: the perception of FLM as a Fulani group has fuelled stigmatisation; value assumed"`
	LeadersPer     float64 `toml:"leaders_per" doc:"local leaders and imams per 10,000 inhabitants" min:"0" src:"assumption"`
	Threat         float64 `toml:"threat" doc:"weekly rise of the threat to local leaders where a group governs (decays at the same rate elsewhere)" unit:"1/week" min:"0" max:"1" src:"report: leaders perceived as collaborating are targeted; value assumed"`
	Support        float64 `toml:"support" doc:"weekly drift of support: fades at this rate, and a stigmatised community leans towards the groups of its kin at this rate × stigmatisation" unit:"1/week" min:"0" max:"1" src:"assumption"`

	Militia       float64 `toml:"militia" doc:"weekly growth of a farmers' self-defence militia per unit of fear above fear_threshold, where the state is absent" unit:"1/week" min:"0" max:"1" src:"report and public reporting: Dan Na Ambassagou, Koglweogo, dozos formed where farmers felt threatened; value assumed"`
	MilitiaDecay  float64 `toml:"militia_decay" doc:"weekly decay of a militia where fear is below the threshold" unit:"1/week" min:"0" max:"1" src:"assumption"`
	MilitiaStrike float64 `toml:"militia_strike" doc:"weekly strikes of a full militia per 100,000 farmers, against the most stigmatised herders nearby" unit:"1/week" min:"0" max:"1" src:"assumption"`
	MilitiaKill   float64 `toml:"militia_kill" doc:"mean civilians killed by a strike of a full militia drawing on 100,000 farmers" min:"0" max:"1000" src:"assumption; public reporting: Koulogon (37) and Ogossagou (over 150) in 2019"`
	Arming        float64 `toml:"arming" doc:"weekly rate at which a state arms farmers' militias (volunteers) where fear is high, once militant violence in its country exceeds arming_level" unit:"1/week" min:"0" max:"1" src:"public reporting: Burkina Faso's Volunteers for the Defence of the Homeland (law of January 2020); value assumed"`
	ArmingLevel   float64 `toml:"arming_level" doc:"militant events per million inhabitants of a country over the last year above which its state arms volunteers" min:"0" src:"assumption"`

	Displacement  float64 `toml:"displacement" doc:"weekly rate at which people flee towards the share that would flee at the community's fear" unit:"1/week" min:"0" max:"1" src:"assumption"`
	FlightMax     float64 `toml:"flight_max" doc:"share of a community's people displaced at full fear (the share at fear f is flight_max × f): bounds the stock of the displaced" min:"0" max:"1" src:"assumption, calibrated to about 1.4 million displaced in the study area by September 2020 and 2.5 million at the end of 2022 (CONASUR, IOM DTM, UNHCR)"`
	FearThreshold float64 `toml:"fear_threshold" doc:"fear above which farmers' militias grow" min:"0" max:"1" src:"assumption"`
	Return        float64 `toml:"return" doc:"weekly share of the displaced above the share fear explains who return" unit:"1/week" min:"0" max:"1" src:"assumption"`
	Protection    float64 `toml:"protection" doc:"weekly rise of support for the state at full protective presence (and a quarter of it off grievance, and fear × (1 − this × 2.5))" unit:"1/week" min:"0" max:"1" src:"report: protection builds relations between forces and communities; value assumed"`
	Regularised   float64 `toml:"regularised" doc:"weekly fall of grievance where artisanal mining is regularised, per unit of mining share" unit:"1/week" min:"0" max:"1" src:"report: legitimising the economies of mining communities; value assumed"`

	StateStart       float64 `toml:"state_start" doc:"support for the state at the start" min:"0" max:"1" src:"assumption: neither for nor against"`
	GroupStart       float64 `toml:"group_start" doc:"support for a group at the start at the centre of its home (× closeness to home)" min:"0" max:"1" src:"assumption"`
	MiningShare      float64 `toml:"mining_share" doc:"share of livelihoods from artisanal mining at full gold intensity" min:"0" max:"1" src:"assumption"`
	TradeShare       float64 `toml:"trade_share" doc:"share of livelihoods from trade and transport at full transit intensity" min:"0" max:"1" src:"assumption"`
	ProtectGrievance float64 `toml:"protect_grievance" doc:"weekly fall of grievance at full protective presence, relative to the rise of support for the state (protection)" min:"0" max:"10" src:"assumption"`
	ProtectFear      float64 `toml:"protect_fear" doc:"weekly share of fear lifted at full protective presence, relative to the rise of support for the state (protection)" min:"0" max:"40" src:"assumption"`
	RuleSupport      float64 `toml:"rule_support" doc:"weekly rise of support for a group that governs firmly, relative to the drift of support (support), per unit of drive: its courts settle disputes" min:"0" max:"100" src:"report: FLM's courts and zakat; value assumed"`
	RuleFear         float64 `toml:"rule_fear" doc:"weekly rise of fear where a group governs firmly, relative to the drift of support (support): its rules are enforced by coercion" min:"0" max:"100" src:"report: strict rules imposed on villages, especially on women; value assumed"`
	FlightEvent      float64 `toml:"flight_event" doc:"people newly displaced in a week within a local area's worth of area that count as a displacement event" unit:"people" min:"1" src:"assumption"`
	StrikeReach      float64 `toml:"strike_reach" doc:"reach of a militia's strikes, in local-area radii (map.local_km)" min:"0" max:"10" src:"assumption: militias strike neighbouring villages (Ogossagou lies some 15 km from Bankass)"`
	Suspicion        float64 `toml:"suspicion" doc:"suspicion a reprisal lays on a people that carries no stigma, relative to a fully stigmatised one" min:"0" max:"1" src:"assumption"`
	ReprisalTrust    float64 `toml:"reprisal_trust" doc:"support for the state lost by the communities a blunt sweep harms, relative to reprisal_harm" min:"0" max:"10" src:"report: blunt responses worsen relations between communities and the security sector; value assumed"`
	ReprisalFear     float64 `toml:"reprisal_fear" doc:"fear added by a reprisal, relative to an attack on civilians (attack_fear)" min:"0" max:"10" src:"assumption"`
	Armed            float64 `toml:"armed" doc:"share of a community's farmers under arms in a full militia" min:"0" max:"1" src:"assumption: a full militia arms about one farmer in a hundred"`
}

// Forces holds the security forces: one table per kind of force.
type Forces struct {
	MaliArmy      ForceParams `toml:"mali_army"`
	BurkinaArmy   ForceParams `toml:"burkina_army"`
	NigerArmy     ForceParams `toml:"niger_army"`
	International ForceParams `toml:"international"`
	Militias      ForceParams `toml:"militias"`
	// Response shared rules.
	Presence       float64 `toml:"presence" doc:"soldiers within Map.LocalKm for full government presence" min:"1" src:"assumption"`
	Sustained      int     `toml:"sustained" doc:"weeks of continuous presence that count as sustained" unit:"weeks" min:"1" max:"520" src:"assumption"`
	SustainedLevel float64 `toml:"sustained_level" doc:"government presence at or above which a week counts towards sustained presence" min:"0" max:"10" src:"assumption: six tenths of full presence, so a unit of 100 or more soldiers anywhere in the local area counts at every resolution"`
	Reach          float64 `toml:"reach" doc:"distance within which a unit responds to events" unit:"km" min:"0" src:"assumption"`
	Response       float64 `toml:"response" doc:"probability that the nearest free unit within reach responds to an attack" min:"0" max:"1" src:"assumption; calibrated: the baseline's value is the posterior median of its calibration (MODEL.md 3.6)"`
	Lethality      float64 `toml:"lethality" doc:"share of a band hit by a targeted operation (times strength and 0.5 + intelligence)" min:"0" max:"1" src:"assumption"`
	Blunt          float64 `toml:"blunt" doc:"share of fighters hit by an area sweep, relative to a targeted operation without its intelligence term" min:"0" max:"1" src:"assumption"`
	Engage         float64 `toml:"engage" doc:"rate of a discriminating operation against the largest group nearby, relative to a targeted one" min:"0" max:"1" src:"assumption"`
	Engaged        float64 `toml:"engaged" doc:"fighters within its local area a unit of full size can engage in one operation; beyond, the share hit falls" min:"1" src:"assumption"`
	Collateral     float64 `toml:"collateral" doc:"civilians killed per blunt sweep (mean)" min:"0" src:"assumption"`
	Capture        float64 `toml:"capture" doc:"share of fighters hit who are captured rather than killed" min:"0" max:"1" src:"assumption"`
	Decapitation   float64 `toml:"decapitation" doc:"probability that a targeted operation in the local area where a group's leader is kills him, times 0.5 + the unit's intelligence" min:"0" max:"1" src:"assumption; public reporting: leaders killed by targeted operations (Droukdel 2020, al-Sahrawi 2021)"`
	UnitSize       float64 `toml:"unit_size" doc:"soldiers of a unit of full strength for operations (the effect of a unit is its strength over this, at most size_cap)" min:"1" src:"assumption"`
	SizeCap        float64 `toml:"size_cap" doc:"largest effect of a unit in an operation, relative to one of full strength: a larger unit cannot bring all its men to bear" min:"0" max:"100" src:"assumption"`
	Blind          float64 `toml:"blind" doc:"effect of a targeted operation by a unit without intelligence, relative to one with full intelligence minus one half (× (blind + intelligence))" min:"0" max:"10" src:"assumption"`
	Deploy         float64 `toml:"deploy" doc:"weight of a cell without militants in placing auxiliaries, international forces and the community-protection lever's units, relative to a band of militants nearby" min:"0" max:"10" src:"assumption"`
	DeployReach    float64 `toml:"deploy_reach" doc:"reach, in local-area radii (map.local_km), within which the militants near a community count in placing the community-protection lever's units" min:"0" max:"10" src:"assumption"`
	DeployPeople   float64 `toml:"deploy_people" doc:"weight of people (per unit of density over map.dense) in placing the counterinsurgency lever's units, beside the militants nearby" min:"0" max:"100" src:"assumption"`
}

// Force kinds.
const (
	National      = "national"
	International = "international"
	Auxiliary     = "auxiliary"
)

// Postures of security forces.
const (
	Blunt          = "blunt"
	Discriminating = "discriminating"
	Protective     = "protective"
)

// ForceParams describes one kind of security force.
type ForceParams struct {
	Label        string   `toml:"label" doc:"display name" src:"assumption (order of magnitude of public deployments)"`
	Kind         string   `toml:"kind" doc:"national army, international force or auxiliaries and militias" enum:"national|international|auxiliary" src:"assumption (order of magnitude of public deployments)"`
	Countries    []string `toml:"countries" doc:"countries it operates in (ISO 3166-1 alpha-3)" src:"assumption (order of magnitude of public deployments)"`
	Zones        []string `toml:"zones" doc:"zones it is deployed to (empty: all of its countries)" src:"assumption (order of magnitude of public deployments)"`
	Units        int      `toml:"units" doc:"number of units" min:"0" max:"10000" src:"assumption (order of magnitude of public deployments)"`
	Strength     int      `toml:"strength" doc:"soldiers per unit" min:"0" max:"100000" src:"assumption (order of magnitude of public deployments)"`
	Posture      string   `toml:"posture" doc:"how it responds to events it cannot attribute" enum:"blunt|discriminating|protective" src:"assumption (order of magnitude of public deployments)"`
	Intelligence float64  `toml:"intelligence" doc:"capacity to identify which group did what, where it is" min:"0" max:"1" src:"assumption (order of magnitude of public deployments)"`
	Mobility     float64  `toml:"mobility" doc:"distance a unit moves in a week" unit:"km/week" min:"0" src:"assumption (order of magnitude of public deployments); the Malian army's value calibrated: the posterior median of the baseline's calibration (MODEL.md 3.6)"`
}

// AttributionParams set the observer: how every event gets its observed
// label (observer.go), the way ACLED codes it.
type AttributionParams struct {
	Claims    bool    `toml:"claims" doc:"whether groups' claims reach the record (switch for ablation)" src:"-"`
	Reporting bool    `toml:"reporting" doc:"whether local reporting reaches the record (switch for ablation)" src:"-"`
	Coalition float64 `toml:"coalition" doc:"share of a JNIM member's claims made in the coalition's name only (the record then says \"JNIM\")" min:"0" max:"1" src:"report: JNIM presents a united front; value assumed"`
	Report    float64 `toml:"report" doc:"probability that local reporting names the group of an unclaimed event where that group holds all the militant force nearby (× its share of it)" min:"0" max:"1" src:"assumption, calibrated to the share of ACLED events naming a component group (2017–2019)"`
	Base      float64 `toml:"base" doc:"probability that an unclaimed event is traced to its component group by intelligence, without any" min:"0" max:"1" src:"assumption"`
	Sharing   float64 `toml:"sharing" doc:"share of the forces' intelligence that is shared between forces and governments and reaches the record" min:"0" max:"1" src:"report: intelligence gathering and sharing by governments is lacking; value assumed"`
	Accuracy  float64 `toml:"accuracy" doc:"probability that a traced event names the right group (otherwise the strongest other group nearby)" min:"0" max:"1" src:"assumption"`
	Generic   float64 `toml:"generic" doc:"probability that reporting at least says which coalitions operate in the area of an unidentified event: \"JNIM\" where only JNIM's members do, the ambiguous label where both JNIM and ISGS do (ACLED's \"and/or\"), ISGS where only ISGS does; otherwise an unidentified armed group" min:"0" max:"1" src:"report: events are labelled with the generic JNIM entity; value assumed, calibrated to ACLED's label mix (2017–2019)"`
	AreaKm    float64 `toml:"area_km" doc:"radius of the area whose militants observers know of" unit:"km" min:"1" max:"1000" src:"assumption"`
	Operates  float64 `toml:"operates" doc:"fighters of a coalition within area_km for observers to know it operates there" min:"0" src:"assumption"`
	Falloff   float64 `toml:"falloff" doc:"share of a unit's intelligence lost at the edge of its reach (it falls linearly from the unit)" min:"0" max:"1" src:"assumption"`
	Crime     float64 `toml:"crime" doc:"probability that a criminal attack is recognised as crime (an unidentified armed group); otherwise it is labelled like an unidentified militant event" min:"0" max:"1" src:"report: links to criminal groups advanced JNIM's reputation; value assumed"`
}

// IllicitParams set the illicit economy: routes and mining sites.
type IllicitParams struct {
	Trafficking float64 `toml:"trafficking" doc:"value moved along a trafficking corridor per year" unit:"USD/year" min:"0" src:"assumption, calibrated to JNIM revenue of 18–35 M USD a year (report)"`
	Road        float64 `toml:"road" doc:"value of commerce along a main road per year" unit:"USD/year" min:"0" src:"assumption"`
	GoldKg      float64 `toml:"gold_kg" doc:"artisanal gold output of one mining area at full intensity" unit:"kg/year" min:"0" src:"report: 725 kg a year from artisanal sites in affected areas, spread over 13 mining areas"`
	GoldPrice   float64 `toml:"gold_price" doc:"price of gold" unit:"USD/kg" min:"0" src:"report: 725 kg valued at 34 M USD (46,900 USD/kg)"`
	Recovery    float64 `toml:"recovery" doc:"weekly recovery of a network's health" unit:"1/week" min:"0" max:"1" src:"assumption"`
	Switch      float64 `toml:"switch" doc:"presence ratio at which a network changes its allied group" min:"1" src:"assumption"`
	SwitchWeeks int     `toml:"switch_weeks" doc:"weeks a challenger must outnumber a network's ally before the network changes sides" unit:"weeks" min:"1" max:"520" src:"assumption"`
	RouteKm     float64 `toml:"route_km" doc:"half-width of the strip along a route that its network covers" unit:"km" min:"1" max:"200" src:"assumption: about half a 0.5° cell"`
	MiningKm    float64 `toml:"mining_km" doc:"reach of an artisanal mining area around its point" unit:"km" min:"1" max:"500" src:"assumption: the data give representative points, not extents"`
}

// Policy holds the report's recommendations as levers. A lever is off
// (nil) unless its table is present in the scenario.
type Policy struct {
	Disaggregation      *Disaggregation      `toml:"disaggregation"`
	Counterinsurgency   *Counterinsurgency   `toml:"counterinsurgency"`
	IllicitNetworks     *IllicitNetworks     `toml:"illicit_networks"`
	CommunityProtection *CommunityProtection `toml:"community_protection"`
	PoliticalSettlement *PoliticalSettlement `toml:"political_settlement"`
	Reintegration       *Reintegration       `toml:"reintegration"`
}

// Lever holds what every lever has: when, where, to whom and how hard.
type Lever struct {
	Start     sim.Date `toml:"start" doc:"first day the lever acts" src:"report recommendation; defaults assumed"`
	End       sim.Date `toml:"end" doc:"last day it acts (empty: to the end)" src:"report recommendation; defaults assumed"`
	Zones     []string `toml:"zones" doc:"zones where it applies (empty: everywhere)" src:"report recommendation; defaults assumed"`
	Groups    []string `toml:"groups" doc:"groups it targets (empty: all)" src:"report recommendation; defaults assumed"`
	Intensity float64  `toml:"intensity" doc:"how hard it is pushed" min:"0" max:"1" src:"report recommendation; defaults assumed"`
}

// Disaggregation: intelligence gathering and sharing raise correct
// attribution, which lets forces respond to the group that acted.
type Disaggregation struct {
	Lever
	Gathering  float64                  `toml:"gathering" doc:"intelligence added to forces in the zones at full intensity" min:"0" max:"1" src:"report recommendation; value assumed"`
	Sharing    float64                  `toml:"sharing" doc:"intelligence sharing added at full intensity" min:"0" max:"1" src:"report recommendation; value assumed"`
	Mechanisms DisaggregationMechanisms `toml:"mechanisms"`
}

// DisaggregationMechanisms switch the lever's sub-mechanisms on and off,
// one at a time, for ablation.
type DisaggregationMechanisms struct {
	Gathering bool `toml:"gathering" doc:"intelligence gathering acts" src:"-"`
	Sharing   bool `toml:"sharing" doc:"intelligence sharing acts" src:"-"`
}

// Counterinsurgency: sustained presence in key cells of central Mali and
// northern Burkina Faso, interdiction of movement between them, and
// cutting off southwestern Burkina Faso.
type Counterinsurgency struct {
	Lever
	Units        int                         `toml:"units" doc:"units added at full intensity" min:"0" max:"10000" src:"report recommendation; value assumed"`
	Strength     int                         `toml:"strength" doc:"soldiers per added unit" min:"0" max:"100000" src:"report recommendation; value assumed"`
	Posture      string                      `toml:"posture" doc:"posture of the added units" enum:"blunt|discriminating|protective" src:"report recommendation; value assumed"`
	Intelligence float64                     `toml:"intelligence" doc:"intelligence of the added units" min:"0" max:"1" src:"assumption"`
	Interdiction float64                     `toml:"interdiction" doc:"probability at full intensity that a fighter's move between the zones is stopped" min:"0" max:"1" src:"report recommendation; value assumed"`
	CutOff       []string                    `toml:"cut_off" doc:"zones whose fighters are cut off from the rest (moves in or out interdicted)" src:"report recommendation; value assumed"`
	Mechanisms   CounterinsurgencyMechanisms `toml:"mechanisms"`
}

// CounterinsurgencyMechanisms switch the lever's sub-mechanisms.
type CounterinsurgencyMechanisms struct {
	Presence     bool `toml:"presence" doc:"the added units deploy (sustained presence in key locations)" src:"-"`
	Interdiction bool `toml:"interdiction" doc:"moves between the zones and into or out of the cut-off zones are interdicted" src:"-"`
	Posture      bool `toml:"posture" doc:"the added units take the lever's posture (off: blunt, like the national armies)" src:"-"`
}

// IllicitNetworks: law enforcement against the routes and mining sites
// allied with the targeted groups, which also costs their leaders standing.
type IllicitNetworks struct {
	Lever
	Enforcement float64                   `toml:"enforcement" doc:"weekly loss of health of an allied network at full intensity" unit:"1/week" min:"0" max:"1" src:"report recommendation; value assumed"`
	Standing    float64                   `toml:"standing" doc:"weekly loss of the allied leader's standing at full intensity and full network health" unit:"1/week" min:"0" max:"1" src:"report recommendation; value assumed"`
	Mechanisms  IllicitNetworksMechanisms `toml:"mechanisms"`
}

// IllicitNetworksMechanisms switch the lever's sub-mechanisms.
type IllicitNetworksMechanisms struct {
	Enforcement bool `toml:"enforcement" doc:"the networks lose health (revenue)" src:"-"`
	Standing    bool `toml:"standing" doc:"the allied leader loses standing (cohesion)" src:"-"`
}

// CommunityProtection: sustained government presence in contested
// communities, protection of local leaders and regularised artisanal mining.
type CommunityProtection struct {
	Lever
	Units        int                           `toml:"units" doc:"protective units added at full intensity" min:"0" max:"10000" src:"report recommendation; value assumed"`
	Strength     int                           `toml:"strength" doc:"soldiers per added unit" min:"0" max:"100000" src:"report recommendation; value assumed"`
	Intelligence float64                       `toml:"intelligence" doc:"intelligence of the added units" min:"0" max:"1" src:"assumption"`
	LeaderGuard  float64                       `toml:"leader_guard" doc:"share of attacks on protected local leaders foiled at full intensity" min:"0" max:"1" src:"report recommendation; value assumed"`
	Regularise   float64                       `toml:"regularise" doc:"share of militant mining revenue lost where mining is regularised, at full intensity" min:"0" max:"1" src:"report recommendation; value assumed"`
	Mechanisms   CommunityProtectionMechanisms `toml:"mechanisms"`
}

// CommunityProtectionMechanisms switch the lever's sub-mechanisms.
type CommunityProtectionMechanisms struct {
	Units            bool `toml:"units" doc:"the protective units deploy" src:"-"`
	LeaderGuard      bool `toml:"leader_guard" doc:"attacks on local leaders are foiled" src:"-"`
	RegulariseMining bool `toml:"regularise_mining" doc:"artisanal mining is regularised" src:"-"`
}

// PoliticalSettlement: negotiations as a process (talks open, make
// progress or are spoiled, reach a partial deal, then a settlement that
// splits those who want an agreement from the hardliners) with the groups
// whose leaders are willing.
type PoliticalSettlement struct {
	Lever
	Talks            float64                       `toml:"talks" doc:"weekly probability at full intensity that talks open with a willing group (× its political aims × (0.5 + its recent losses))" unit:"1/week" min:"0" max:"1" src:"report recommendation; value assumed"`
	Progress         float64                       `toml:"progress" doc:"weekly progress of talks at full intensity with a fully political leader (a settlement at 1)" unit:"1/week" min:"0" max:"1" src:"assumption"`
	Spoilers         float64                       `toml:"spoilers" doc:"progress lost per attack on the state or civilians in the group's area during talks (by its hardliners or its rivals)" min:"0" max:"1" src:"report: talks may isolate the leader from hardliners; value assumed"`
	Partial          float64                       `toml:"partial" doc:"progress at which a partial deal (local ceasefires) holds" min:"0" max:"1" src:"report: partial deals with local authorities; value assumed"`
	Ceasefire        float64                       `toml:"ceasefire" doc:"reduction of a settled group's violence against the state and civilians (half of it under a partial deal)" min:"0" max:"1" src:"report recommendation; value assumed"`
	Split            float64                       `toml:"split" doc:"share of ideologically committed fighters who break away when their group settles" min:"0" max:"1" src:"report recommendation; value assumed"`
	Breakdown        float64                       `toml:"breakdown" doc:"probability that a deal breaks down, per targeted operation against the settled group and when its leader dies" min:"0" max:"1" src:"assumption"`
	Weariness        float64                       `toml:"weariness" doc:"chance of talks opening with a group with no recent losses, relative to one that lost a fighter per fighter over the last quarter (× (weariness + losses per fighter))" min:"0" max:"10" src:"assumption"`
	PartialCeasefire float64                       `toml:"partial_ceasefire" doc:"share of the ceasefire that holds under a partial deal (local ceasefires)" min:"0" max:"1" src:"report: partial deals with local authorities; value assumed"`
	Cooldown         int                           `toml:"cooldown" doc:"weeks after talks collapse before they can open again" unit:"weeks" min:"0" max:"520" src:"assumption"`
	Mechanisms       PoliticalSettlementMechanisms `toml:"mechanisms"`
}

// PoliticalSettlementMechanisms switch the lever's sub-mechanisms.
type PoliticalSettlementMechanisms struct {
	Ceasefire bool `toml:"ceasefire" doc:"deals reduce the group's violence" src:"-"`
	Split     bool `toml:"split" doc:"hardliners break away on settlement" src:"-"`
	Rivalry   bool `toml:"rivalry" doc:"talks raise JNIM–ISGS hostility" src:"-"`
	Recruits  bool `toml:"recruits" doc:"a settled group recruits less" src:"-"`
}

// Reintegration: pathways out for lower-level fighters, amnesty and
// community involvement.
type Reintegration struct {
	Lever
	Capacity   int                     `toml:"capacity" doc:"places in reintegration programmes at full intensity" min:"0" max:"1000000" src:"report recommendation; value assumed"`
	Amnesty    float64                 `toml:"amnesty" doc:"credibility of the amnesty: how much it raises defection" min:"0" max:"10" src:"report recommendation; value assumed"`
	Acceptance float64                 `toml:"acceptance" doc:"community acceptance of returning fighters" min:"0" max:"1" src:"report recommendation; value assumed"`
	Weeks      int                     `toml:"weeks" doc:"length of the programme" unit:"weeks" min:"1" max:"520" src:"report recommendation; value assumed"`
	Deterrence float64                 `toml:"deterrence" doc:"share of would-be material recruits who take the other options the programme offers instead, at full intensity" min:"0" max:"1" src:"report: opportunities beyond being a hired gun; value assumed"`
	Mechanisms ReintegrationMechanisms `toml:"mechanisms"`
}

// ReintegrationMechanisms switch the lever's sub-mechanisms.
type ReintegrationMechanisms struct {
	Amnesty    bool `toml:"amnesty" doc:"the amnesty raises defection" src:"-"`
	Programmes bool `toml:"programmes" doc:"defectors enter programmes" src:"-"`
	Deterrence bool `toml:"deterrence" doc:"would-be material recruits take other options" src:"-"`
}
