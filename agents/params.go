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
	Communities CommunityParams   `toml:"communities"`
	Forces      Forces            `toml:"forces"`
	Attribution AttributionParams `toml:"attribution"`
	Illicit     IllicitParams     `toml:"illicit"`
	Policy      Policy            `toml:"policy"`
}

// MapParams sets the grid.
type MapParams struct {
	Resolution float64 `toml:"resolution" doc:"grid cell size" unit:"degrees" min:"0.0625" max:"1" src:"assumption: 0.5° ≈ 55 km, the scale of a cercle or province"`
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

// GroupParams describes one component group: its identity, leadership,
// aims, tactics, territory, recruitment, money and cohesion.
type GroupParams struct {
	Label     string `toml:"label" doc:"display name" src:"report"`
	Coalition string `toml:"coalition" doc:"coalition it belongs to (\"JNIM\") or empty" enum:"|JNIM" src:"report: JNIM's members; ISGS operates in the region as a rival"`
	Fighters  int    `toml:"fighters" doc:"active fighters at the start" min:"0" max:"100000" src:"assumption: order of magnitude of public estimates for 2017 (JNIM about 1,000–2,000, ISGS a few hundred; UN Monitoring Team reports), calibrated to the 2017 event level"`

	Leader          string   `toml:"leader" doc:"leader's name at the start" src:"report"`
	LeaderKilled    sim.Date `toml:"leader_killed" doc:"date the leader is killed, if known (historical shock); empty = only emergent risk" src:"report names the deaths (Dicko 2017; Okacha and Maychou, AQIM Sahara; Ould Nouini, al Mourabitoun); dates approximate public reporting"`
	Succession      float64  `toml:"succession" doc:"probability that a killed leader is replaced" min:"0" max:"1" src:"assumption; report: no identifiable new leadership after AQIM Sahara's and al Mourabitoun's leaders died, while Ansaroul Islam carried on (Jafar Dicko succeeded his brother, public reporting)"`
	SuccessionWeeks int      `toml:"succession_weeks" doc:"weeks of churn before a successor takes over" unit:"weeks" min:"0" max:"520" src:"assumption"`

	Political float64 `toml:"political" doc:"aims: 1 purely political (influence, negotiation), 0 purely religious and social change" min:"0" max:"1" src:"report: Ag Ghali's objectives seem primarily political, Koufa's religious and social"`

	Tempo     float64 `toml:"tempo" doc:"violent events per active fighter per year at full opportunity" unit:"1/year" min:"0" max:"10" src:"calibrated to the report's event counts (2017 level and growth)"`
	Civilians float64 `toml:"civilians" doc:"propensity to target civilians (relative weight)" min:"0" max:"10" src:"calibrated to the report: FLM about one attack in three on civilians, under 2 % in northern Mali"`
	Leaders   float64 `toml:"leaders" doc:"propensity to kill local leaders and imams who oppose it (relative weight)" min:"0" max:"10" src:"report: FLM has publicly killed imams and traditional leaders, far less common in Ansar Dine's enclave; value assumed"`
	Security  float64 `toml:"security" doc:"propensity to attack security forces (relative weight)" min:"0" max:"10" src:"assumption"`
	Explosive float64 `toml:"explosive" doc:"propensity to lay explosive devices on roads (relative weight)" min:"0" max:"10" src:"assumption"`
	Kidnap    float64 `toml:"kidnap" doc:"propensity to kidnap for ransom (relative weight)" min:"0" max:"10" src:"report: kidnapping for ransom a lesser source of money; value assumed"`
	Rivals    float64 `toml:"rivals" doc:"propensity to fight rival groups met in the same area (relative weight)" min:"0" max:"10" src:"report: disputes over territory and resources between JNIM groups and ISGS; value assumed"`
	Claims    float64 `toml:"claims" doc:"share of its events it claims" min:"0" max:"1" src:"report: the majority of events attributed to JNIM go unclaimed; value assumed"`
	Lethality float64 `toml:"lethality" doc:"multiplier of the mean fatalities of its attacks" min:"0" max:"10" src:"calibrated to the report's nearly 8,000 fatalities"`

	Areas       []string   `toml:"areas" doc:"admin-1 regions of its historical area of influence" src:"report, Figures 2 and 3: historical areas of influence (illustrative); FLM's Macina reference covers central Mali to northern Burkina Faso"`
	Home        [2]float64 `toml:"home" doc:"centre of its historical area (latitude, longitude)" unit:"degrees" src:"report, Figures 2 and 3 (centre placed by hand)"`
	HomeKm      float64    `toml:"home_km" doc:"radius of its historical area around home" unit:"km" min:"10" max:"2000" src:"assumption"`
	Recruit     float64    `toml:"recruit" doc:"recruits per active fighter per year in a fully aggrieved, densely populated community" unit:"1/year" min:"0" max:"100" src:"calibrated to the report's growth (nearly sevenfold 2017–2020); report: stigmatisation and reprisals exploited for recruitment"`
	Outside     float64    `toml:"outside" doc:"recruitment outside its historical areas, relative to inside" min:"0" max:"1" src:"assumption"`
	Ideological float64    `toml:"ideological" doc:"share of recruits whose commitment is ideological rather than material" min:"0" max:"1" src:"report: lower-level fighters have varying levels of commitment; shares assumed"`
	Mobility    float64    `toml:"mobility" doc:"distance a fighter may cover in a week when moving" unit:"km/week" min:"0" max:"500" src:"assumption"`
	Expansion   float64    `toml:"expansion" doc:"pull of opportunity (gold, routes, population) against the pull of home, when moving" min:"0" max:"10" src:"report: eastern Burkina Faso activity aims at gold and commercial routes; value assumed"`

	Treasury   float64 `toml:"treasury" doc:"money at the start" unit:"USD" min:"0" src:"assumption"`
	Upkeep     float64 `toml:"upkeep" doc:"cost of one active fighter per year" unit:"USD/year" min:"0" src:"assumption"`
	Transit    float64 `toml:"transit" doc:"share of a controlled route's value it extorts" min:"0" max:"1" src:"report: revenue mostly from extortion of transit routes; calibrated to 18–35 M USD a year"`
	Mining     float64 `toml:"mining" doc:"share of a controlled mining area's value it takes" min:"0" max:"1" src:"report: communities engaged in artisanal mining; calibrated to 18–35 M USD a year"`
	Zakat      float64 `toml:"zakat" doc:"zakat and grazing tax per governed inhabitant per year" unit:"USD/year" min:"0" src:"report: FLM instituted zakat; value assumed"`
	Ransom     float64 `toml:"ransom" doc:"mean ransom per kidnapping" unit:"USD" min:"0" src:"report: kidnapping for ransom; value assumed"`
	Governance float64 `toml:"governance" doc:"drive to impose its courts and zakat where it controls a community" min:"0" max:"1" src:"report: FLM imposed Sharia courts, zakat and rules over dozens of villages"`

	Cohesion   float64 `toml:"cohesion" doc:"internal cohesion at the start and in calm times" min:"0" max:"1" src:"assumption"`
	Dissension float64 `toml:"dissension" doc:"sensitivity of cohesion to disputes over grazing taxes and loot" min:"0" max:"1" src:"report: FLM dissension over grazing taxes and distribution of loot; value assumed"`
	Negotiate  float64 `toml:"negotiate" doc:"willingness to negotiate with governments" min:"0" max:"1" src:"report: Ag Ghali and Koufa have engaged in negotiations; ISGS none (assumption)"`
}

// FighterParams are the rules shared by all fighters.
type FighterParams struct {
	Defection  float64 `toml:"defection" doc:"weekly probability that an uncommitted fighter of a fully incohesive group defects" unit:"1/week" min:"0" max:"1" src:"assumption"`
	Realign    float64 `toml:"realign" doc:"share of defectors who join another group present in their area" min:"0" max:"1" src:"assumption"`
	Criminal   float64 `toml:"criminal" doc:"share of materially motivated defectors who turn to crime near routes and mines" min:"0" max:"1" src:"assumption"`
	Recidivism float64 `toml:"recidivism" doc:"weekly probability that a fighter who blended back into a community returns to a group" unit:"1/week" min:"0" max:"1" src:"assumption"`
	Pressure   float64 `toml:"pressure" doc:"how much security-force pressure in a cell raises defection and flight" min:"0" max:"10" src:"assumption"`
	MoveShare  float64 `toml:"move_share" doc:"share of fighters reconsidering their position each week" min:"0" max:"1" src:"assumption"`
	BandSize   float64 `toml:"band_size" doc:"fighters at which a band reaches full striking capacity" min:"1" src:"assumption"`
}

// CommunityParams are the rules of communities.
type CommunityParams struct {
	Grievance      float64 `toml:"grievance" doc:"grievance at the start" min:"0" max:"1" src:"assumption"`
	GrievanceDecay float64 `toml:"grievance_decay" doc:"weekly decay of grievance towards its start level" unit:"1/week" min:"0" max:"1" src:"assumption"`
	FearDecay      float64 `toml:"fear_decay" doc:"weekly decay of fear" unit:"1/week" min:"0" max:"1" src:"assumption"`
	StigmaDecay    float64 `toml:"stigma_decay" doc:"weekly decay of stigmatisation" unit:"1/week" min:"0" max:"1" src:"assumption"`
	ReprisalHarm   float64 `toml:"reprisal_harm" doc:"grievance and stigmatisation added by a reprisal or blunt operation" min:"0" max:"1" src:"assumption"`
	AttackFear     float64 `toml:"attack_fear" doc:"fear added by an attack on civilians" min:"0" max:"1" src:"assumption"`
	LeadersPer     float64 `toml:"leaders_per" doc:"local leaders and imams per 10,000 inhabitants" min:"0" src:"assumption"`
	Militia        float64 `toml:"militia" doc:"weekly growth of self-defence militias where fear is high and the state absent" unit:"1/week" min:"0" max:"1" src:"assumption"`
	Displacement   float64 `toml:"displacement" doc:"weekly share of a community displaced per unit of fear above the threshold" unit:"1/week" min:"0" max:"1" src:"assumption"`
	FearThreshold  float64 `toml:"fear_threshold" doc:"fear above which people flee" min:"0" max:"1" src:"assumption"`
	Return         float64 `toml:"return" doc:"weekly share of the displaced who return where fear has fallen" unit:"1/week" min:"0" max:"1" src:"assumption"`
	Resistance     float64 `toml:"resistance" doc:"how much community opposition (militias, support for the state) provokes attacks on civilians" min:"0" max:"10" src:"assumption"`
}

// Forces holds the security forces: one table per kind of force.
type Forces struct {
	MaliArmy      ForceParams `toml:"mali_army"`
	BurkinaArmy   ForceParams `toml:"burkina_army"`
	NigerArmy     ForceParams `toml:"niger_army"`
	International ForceParams `toml:"international"`
	Militias      ForceParams `toml:"militias"`
	// Response shared rules.
	Presence     float64 `toml:"presence" doc:"soldiers in a cell for full government presence" min:"1" src:"assumption"`
	Sustained    int     `toml:"sustained" doc:"weeks of continuous presence that count as sustained" unit:"weeks" min:"1" max:"520" src:"assumption"`
	Reach        float64 `toml:"reach" doc:"distance within which a unit responds to events" unit:"km" min:"0" src:"assumption"`
	Lethality    float64 `toml:"lethality" doc:"share of a band hit by a targeted operation" min:"0" max:"1" src:"assumption"`
	Blunt        float64 `toml:"blunt" doc:"share of fighters hit by an area sweep, relative to a targeted operation" min:"0" max:"1" src:"assumption"`
	Collateral   float64 `toml:"collateral" doc:"civilians killed per blunt sweep (mean)" min:"0" src:"assumption"`
	Capture      float64 `toml:"capture" doc:"share of fighters hit who are captured rather than killed" min:"0" max:"1" src:"assumption"`
	Decapitation float64 `toml:"decapitation" doc:"probability that a targeted operation against a group's home area kills its leader" min:"0" max:"1" src:"assumption"`
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
	Mobility     float64  `toml:"mobility" doc:"distance a unit moves in a week" unit:"km/week" min:"0" src:"assumption (order of magnitude of public deployments)"`
}

// AttributionParams set how events get their observed label.
type AttributionParams struct {
	Base     float64 `toml:"base" doc:"probability that an unclaimed event is traced to its component group without intelligence" min:"0" max:"1" src:"assumption"`
	Sharing  float64 `toml:"sharing" doc:"share of intelligence that is shared between forces and governments" min:"0" max:"1" src:"report: intelligence gathering and sharing by governments is lacking; value assumed"`
	Generic  float64 `toml:"generic" doc:"probability that an untraced event in a JNIM area is labelled \"JNIM\" rather than unknown" min:"0" max:"1" src:"report: events are labelled with the generic JNIM entity; value assumed"`
	Accuracy float64 `toml:"accuracy" doc:"probability that a traced event names the right group (otherwise the strongest group nearby)" min:"0" max:"1" src:"assumption"`
}

// IllicitParams set the illicit economy: routes and mining sites.
type IllicitParams struct {
	Trafficking float64 `toml:"trafficking" doc:"value moved along a trafficking corridor per year" unit:"USD/year" min:"0" src:"assumption, calibrated to JNIM revenue of 18–35 M USD a year (report)"`
	Road        float64 `toml:"road" doc:"value of commerce along a main road per year" unit:"USD/year" min:"0" src:"assumption"`
	GoldKg      float64 `toml:"gold_kg" doc:"artisanal gold output of one mining area at full intensity" unit:"kg/year" min:"0" src:"report: 725 kg a year from artisanal sites in affected areas, spread over 13 mining areas"`
	GoldPrice   float64 `toml:"gold_price" doc:"price of gold" unit:"USD/kg" min:"0" src:"report: 725 kg valued at 34 M USD (46,900 USD/kg)"`
	Recovery    float64 `toml:"recovery" doc:"weekly recovery of a network's health" unit:"1/week" min:"0" max:"1" src:"assumption"`
	Switch      float64 `toml:"switch" doc:"presence ratio at which a network changes its allied group" min:"1" src:"assumption"`
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
	Gathering float64 `toml:"gathering" doc:"intelligence added to forces in the zones at full intensity" min:"0" max:"1" src:"report recommendation; value assumed"`
	Sharing   float64 `toml:"sharing" doc:"intelligence sharing added at full intensity" min:"0" max:"1" src:"report recommendation; value assumed"`
}

// Counterinsurgency: sustained presence in key cells of central Mali and
// northern Burkina Faso, interdiction of movement between them, and
// cutting off southwestern Burkina Faso.
type Counterinsurgency struct {
	Lever
	Units        int      `toml:"units" doc:"units added at full intensity" min:"0" max:"10000" src:"report recommendation; value assumed"`
	Strength     int      `toml:"strength" doc:"soldiers per added unit" min:"0" max:"100000" src:"report recommendation; value assumed"`
	Posture      string   `toml:"posture" doc:"posture of the added units" enum:"blunt|discriminating|protective" src:"report recommendation; value assumed"`
	Interdiction float64  `toml:"interdiction" doc:"probability at full intensity that a fighter's move between the zones is stopped" min:"0" max:"1" src:"report recommendation; value assumed"`
	CutOff       []string `toml:"cut_off" doc:"zones whose fighters are cut off from the rest (moves in or out interdicted)" src:"report recommendation; value assumed"`
}

// IllicitNetworks: law enforcement against the routes and mining sites
// allied with the targeted groups, which also costs their leaders standing.
type IllicitNetworks struct {
	Lever
	Enforcement float64 `toml:"enforcement" doc:"weekly loss of health of an allied network at full intensity" unit:"1/week" min:"0" max:"1" src:"report recommendation; value assumed"`
	Standing    float64 `toml:"standing" doc:"weekly loss of the allied leader's cohesion at full intensity while the networks are hit" unit:"1/week" min:"0" max:"1" src:"report recommendation; value assumed"`
}

// CommunityProtection: sustained government presence in contested
// communities, protection of local leaders and regularised artisanal mining.
type CommunityProtection struct {
	Lever
	Units       int     `toml:"units" doc:"protective units added at full intensity" min:"0" max:"10000" src:"report recommendation; value assumed"`
	Strength    int     `toml:"strength" doc:"soldiers per added unit" min:"0" max:"100000" src:"report recommendation; value assumed"`
	LeaderGuard float64 `toml:"leader_guard" doc:"share of attacks on protected local leaders foiled at full intensity" min:"0" max:"1" src:"report recommendation; value assumed"`
	Regularise  float64 `toml:"regularise" doc:"share of militant mining revenue lost where mining is regularised, at full intensity" min:"0" max:"1" src:"report recommendation; value assumed"`
}

// PoliticalSettlement: negotiations that may lead a group to settle,
// and split those who want an agreement from its hardliners.
type PoliticalSettlement struct {
	Lever
	Talks     float64 `toml:"talks" doc:"weekly probability at full intensity and full willingness that talks produce a settlement" unit:"1/week" min:"0" max:"1" src:"report recommendation; value assumed"`
	Ceasefire float64 `toml:"ceasefire" doc:"reduction of the settled group's violence against the state and civilians" min:"0" max:"1" src:"report recommendation; value assumed"`
	Split     float64 `toml:"split" doc:"share of ideologically committed fighters who break away when their group settles" min:"0" max:"1" src:"report recommendation; value assumed"`
}

// Reintegration: pathways out for lower-level fighters, amnesty and
// community involvement.
type Reintegration struct {
	Lever
	Capacity   int     `toml:"capacity" doc:"places in reintegration programmes at full intensity" min:"0" max:"1000000" src:"report recommendation; value assumed"`
	Amnesty    float64 `toml:"amnesty" doc:"credibility of the amnesty: how much it raises defection" min:"0" max:"10" src:"report recommendation; value assumed"`
	Acceptance float64 `toml:"acceptance" doc:"community acceptance of returning fighters" min:"0" max:"1" src:"report recommendation; value assumed"`
	Weeks      int     `toml:"weeks" doc:"length of the programme" unit:"weeks" min:"1" max:"520" src:"report recommendation; value assumed"`
	Deterrence float64 `toml:"deterrence" doc:"share of would-be material recruits who take the other options the programme offers instead, at full intensity" min:"0" max:"1" src:"report: opportunities beyond being a hired gun; value assumed"`
}
