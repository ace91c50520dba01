fn main() {
    println!("magreader");
}
